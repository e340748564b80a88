using Hub.Contracts.Replenishment;
using Hub.Integrations.OneC;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hub.Replenishment.Reading;

/// <summary>
/// 1C's warehouses by name, for the trigger form and for showing a run's scope by name. Read from Catalog_Склады at most
/// every five minutes (the Runs page refreshes every 5 s and 1C's list hardly changes). A page never waits on 1C for more
/// than a few seconds: a read that fails or takes longer is remembered for half a minute, and the form falls back to a
/// Ref_Key field saying why.
/// </summary>
public sealed class WarehouseDirectory(IServiceScopeFactory scopes, IOptions<OneCOptions> options, TimeProvider clock)
{
    public static readonly TimeSpan Fresh = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan FailureKept = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private (WarehouseList List, DateTimeOffset At)? _cached;

    private bool Current((WarehouseList List, DateTimeOffset At) hit) =>
        clock.GetUtcNow() - hit.At < (hit.List.Error is null ? Fresh : FailureKept);

    /// <summary>The next look reads 1C again (its catalogue changed, or a test switched a fault on).</summary>
    public void Forget() => _cached = null;

    public async Task<WarehouseList> GetAsync(CancellationToken ct)
    {
        if (!options.Value.IsConfigured) return new([], "1C is not configured (OneC:BaseUrl, OneC:User, OneC:Password)");
        if (_cached is { } hit && Current(hit)) return hit.List;
        await _gate.WaitAsync(ct);
        try
        {
            if (_cached is { } again && Current(again)) return again.List;
            using var scope = scopes.CreateScope();
            using var patience = CancellationTokenSource.CreateLinkedTokenSource(ct);
            patience.CancelAfter(Patience);
            var warehouses = await scope.ServiceProvider.GetRequiredService<OneCClient>().GetWarehousesAsync(patience.Token);
            var donors = options.Value.DonorWarehouses.ToHashSet(StringComparer.OrdinalIgnoreCase);
            var list = new WarehouseList(warehouses.OrderBy(w => donors.Contains(w.Name) ? 1 : 0).ThenBy(w => w.Name, StringComparer.CurrentCulture)
                .Select(w => new WarehouseChoice(w.Key, w.Name, donors.Contains(w.Name))).ToArray(), null);
            _cached = (list, clock.GetUtcNow());
            return list;
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            var failed = ex is OperationCanceledException
                ? new WarehouseList([], $"1C did not list its warehouses within {Patience.TotalSeconds:0} s") { WaitedSeconds = (int)Patience.TotalSeconds }
                : new WarehouseList([], $"1C's warehouses could not be read: {ex.Message}") { Cause = ex.Message };
            _cached = (failed, clock.GetUtcNow());
            return failed;
        }
        finally
        {
            _gate.Release();
        }
    }
}
