using Hub.Contracts.Logging;
using Hub.Integrations.Http;
using Hub.Integrations.MoySklad;
using Hub.Integrations.OneC;
using JasperFx.CommandLine;
using Microsoft.Extensions.Options;

namespace Hub.Host.Commands;

[Description("Checks the connection to 1C and МойСклад with the configured credentials", Name = "check-connections")]
public sealed class CheckConnectionsCommand : JasperFxAsyncCommand<NetCoreInput>
{
    public override async Task<bool> Execute(NetCoreInput input)
    {
        using var host = input.BuildHost();
        var services = host.Services;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var _ = IntegrationScope.Begin(new IntegrationScope("check_connections"));
        var ok = true;

        var ms = services.GetRequiredService<IOptions<MoySkladOptions>>().Value;
        if (!ms.IsConfigured)
        {
            Console.WriteLine("МойСклад  FAILED  not configured: set MoySklad:Token (or MoySklad:Login and MoySklad:Password)");
            ok = false;
        }
        else
        {
            try
            {
                var client = services.GetRequiredService<MoySkladClient>();
                var ping = await client.PingAsync(cts.Token);
                var (organization, counterparty, store) = await client.ResolveDefaultsAsync(cts.Token);
                Console.WriteLine($"МойСклад  OK      {ping.ElapsedMs} ms  {ms.BaseUrl}  organizations: {ping.Organizations}, rate limit remaining: {ping.RateLimitRemaining ?? "?"}; " +
                                  $"organization '{organization.Name}', counterparty '{counterparty.Name}', store '{store?.Name ?? "(none)"}' found");
            }
            catch (Exception ex) when (ex is ExternalApiException or InvalidOperationException or OperationCanceledException)
            {
                Console.WriteLine($"МойСклад  FAILED  {ms.BaseUrl}  {ex.Message}");
                ok = false;
            }
        }

        var oneC = services.GetRequiredService<IOptions<OneCOptions>>().Value;
        if (!oneC.IsConfigured)
        {
            Console.WriteLine("1C        FAILED  not configured: set OneC:BaseUrl, OneC:User and OneC:Password");
            ok = false;
        }
        else
        {
            try
            {
                var ping = await services.GetRequiredService<OneCClient>().PingAsync(cts.Token);
                Console.WriteLine($"1C        OK      {ping.ElapsedMs} ms  {oneC.BaseUrl}  warehouses: {ping.Warehouses}");
            }
            catch (Exception ex) when (ex is ExternalApiException or InvalidOperationException or OperationCanceledException or System.Text.Json.JsonException)
            {
                Console.WriteLine($"1C        FAILED  {oneC.BaseUrl}  {ex.Message}");
                ok = false;
            }
        }

        // The calls above were logged as integration logs; they must reach the database before the process ends.
        try { await services.GetRequiredService<IIntegrationLogWriter>().FlushAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token); }
        catch (OperationCanceledException) { Console.Error.WriteLine("warning: some integration logs of this check could not be written"); }
        return ok;
    }
}
