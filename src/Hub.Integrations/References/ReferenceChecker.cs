using Hub.Integrations.Http;
using Hub.Integrations.MoySklad;
using Hub.Integrations.OneC;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hub.Integrations.References;

/// <summary>
/// Asks each system whether the names in our settings exist: the МойСклад organization, counterparty and store every
/// customer order names, and the 1C donor warehouses. Each name is looked up by filter; only when one is missing is
/// the whole list read, to suggest the closest. Errors propagate: the caller decides whether to try again.
/// </summary>
public sealed class ReferenceChecker(IServiceProvider services, IOptions<MoySkladOptions> moySklad, IOptions<OneCOptions> oneC)
{
    public const string MoySkladLabel = "МойСклад";
    public const string OneCLabel = "1C";

    public async Task<SystemReferences> CheckMoySkladAsync(CancellationToken ct)
    {
        var o = moySklad.Value;
        if (!o.IsConfigured)
            return new(MoySkladClient.System, MoySkladLabel, ReferenceState.NotConfigured, [], "no credentials (MoySklad:Token, or MoySklad:Login and MoySklad:Password)");
        // Typed clients are short-lived by design (their handlers rotate); a check takes its own.
        var client = services.GetRequiredService<MoySkladClient>();
        var names = new List<NameCheck>();
        foreach (var (kind, setting, name, required) in new[]
                 {
                     ("organization", "MoySklad:OrganizationName", o.OrganizationName, true),
                     ("counterparty", "MoySklad:CounterpartyName", o.CounterpartyName, true),
                     ("store", "MoySklad:StoreName", o.StoreName, false),
                 })
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                // An order cannot be created without an organization and a counterparty; a store is optional.
                if (required) names.Add(new NameCheck(kind, setting, "", false, ClosestNames.To("", (await client.ListAsync(kind, ct)).Select(r => r.Name))));
                continue;
            }
            var found = await client.FindByNameAsync(kind, name, ct);
            names.Add(found is not null
                ? new NameCheck(kind, setting, name, true, [])
                : new NameCheck(kind, setting, name, false, ClosestNames.To(name, (await client.ListAsync(kind, ct)).Select(r => r.Name))));
        }
        return new(MoySkladClient.System, MoySkladLabel, names.All(n => n.Found) ? ReferenceState.Found : ReferenceState.NotFound, names);
    }

    public async Task<SystemReferences> CheckOneCAsync(CancellationToken ct)
    {
        var o = oneC.Value;
        if (!o.IsConfigured)
            return new(OneCClient.System, OneCLabel, ReferenceState.NotConfigured, [], "no credentials (OneC:BaseUrl, OneC:User and OneC:Password)");
        var donors = o.DonorWarehouses.Where(d => !string.IsNullOrWhiteSpace(d)).ToList();
        if (donors.Count == 0)
            return new(OneCClient.System, OneCLabel, ReferenceState.NotConfigured, [], "no donor warehouses configured (OneC:DonorWarehouses)");
        var client = services.GetRequiredService<OneCClient>();
        var names = new List<NameCheck>();
        IReadOnlyList<OneCWarehouse>? all = null;
        foreach (var (donor, i) in donors.Select((d, i) => (d, i)))
        {
            var setting = $"OneC:DonorWarehouses:{i}";
            if (await client.FindWarehouseAsync(donor, ct) is not null)
            {
                names.Add(new NameCheck("donor warehouse", setting, donor, true, []));
                continue;
            }
            all ??= await client.GetWarehousesAsync(ct);
            names.Add(new NameCheck("donor warehouse", setting, donor, false, ClosestNames.To(donor, all.Select(w => w.Name))));
        }
        // The organization and priority every transfer order names: a base with several and none chosen cannot post one.
        foreach (var (kind, setting, wanted, set, resolve) in new (string, string, string?, string, Func<CancellationToken, Task<(Guid Key, string Name)>>)[]
                 {
                     ("organization", "OneC:TransferOrder:Organization", o.TransferOrder.Organization ?? o.OrganizationKey, o.OrganizationsSet, client.ResolveOrganizationAsync),
                     ("priority", "OneC:TransferOrder:Priority", o.TransferOrder.Priority, o.PrioritiesSet, client.ResolvePriorityAsync),
                 })
        {
            try
            {
                var (_, name) = await resolve(ct);
                names.Add(new NameCheck(kind, setting, name, true, []));
            }
            catch (ExternalApiException ex) when (!ex.IsTransient)
            {
                // Missing rights answer 500 in 1C: the catalogue cannot be read, so nothing can be said of the name.
                names.Add(new NameCheck(kind, setting, wanted?.Trim() ?? "", false, [], ex.Text));
            }
            catch (OneCSettingException)
            {
                var available = await client.ListNamesAsync(set, ct);
                names.Add(new NameCheck(kind, setting, Guid.TryParse(wanted, out _) ? wanted! : wanted?.Trim() ?? "", false, ClosestNames.To(wanted ?? "", available)));
            }
        }

        return new(OneCClient.System, OneCLabel, names.All(n => n.Found) ? ReferenceState.Found : ReferenceState.NotFound, names);
    }
}
