using Hub.Integrations.OneC;
using Hub.Replenishment.Planning;

namespace Hub.Replenishment.PlanRun;

/// <summary>Reads what a plan needs from 1C: four reads, the same for every run, so a plan can be replayed from its inputs.</summary>
public static class OneCSnapshot
{
    public static async Task<PlanningInput> ReadAsync(OneCClient oneC, IReadOnlyList<string> donors, Guid? onlyWarehouse, CancellationToken ct)
    {
        var warehouses = await oneC.GetWarehousesAsync(ct);
        var items = await oneC.GetItemsAsync(ct);
        var balances = await oneC.GetBalancesAsync(ct);
        var levels = await oneC.GetMinimumLevelsAsync(ct);
        return new PlanningInput(
            warehouses.Select(w => new WarehouseRow(w.Key, w.Name)).ToArray(),
            items.Select(i => new ItemRow(i.Key, i.Name, i.Unit)).ToArray(),
            balances.Select(b => new BalanceRow(b.WarehouseKey, b.ItemKey, b.Quantity)).ToArray(),
            levels.Select(l => new LevelRow(l.WarehouseKey, l.ItemKey, l.Minimum, l.Maximum)).ToArray(),
            donors,
            onlyWarehouse);
    }
}
