using Hub.Integrations.Http;
using Hub.Integrations.OneC;
using Hub.Replenishment.Planning;

namespace Hub.Replenishment.PlanRun;

/// <summary>
/// Reads what a plan needs from 1C, the same reads for every run, so a plan can be replayed from its inputs: warehouses
/// and items in use, units and characteristics by name, balances by item, characteristic and warehouse, and the norms.
/// </summary>
public static class OneCSnapshot
{
    /// <summary>How a decision names what 1C says is on its way.</summary>
    public const string IncomingSource = "ordered in 1C, not received";

    public static async Task<PlanningInput> ReadAsync(OneCClient oneC, IReadOnlyList<string> donors, Guid? onlyWarehouse, CancellationToken ct)
    {
        var warehouses = await oneC.GetWarehousesAsync(ct);
        var items = await oneC.GetItemsAsync(ct);
        var units = (await oneC.GetUnitsAsync(ct)).ToDictionary(u => u.Key, u => u.Name);
        var characteristics = items.Any(i => i.UsesCharacteristics)
            ? (await oneC.GetCharacteristicsAsync(ct)).GroupBy(c => c.Key).ToDictionary(g => g.Key, g => g.First().Name)
            : [];
        // A run for one shop reads that shop's balances and the donors', not the whole register.
        IReadOnlyCollection<Guid>? scope = null;
        if (onlyWarehouse is { } only)
            scope = [only, .. warehouses.Where(w => donors.Contains(w.Name.Trim(), StringComparer.OrdinalIgnoreCase)).Select(w => w.Key)];
        var balances = await oneC.GetBalancesAsync(scope, ct);
        var incoming = await oneC.GetIncomingAsync(onlyWarehouse is { } shop ? [shop] : null, ct);
        var levels = await oneC.GetMinimumLevelsAsync(ct);
        return new PlanningInput(
            warehouses.Select(w => new WarehouseRow(w.Key, w.Name)).ToArray(),
            items.Select(i => new ItemRow(i.Key, i.Name, units.GetValueOrDefault(i.UnitKey))).ToArray(),
            balances.Select(b => new BalanceRow(b.WarehouseKey, b.ItemKey, b.OnHand, b.CharacteristicKey, b.ToShip)).ToArray(),
            levels.Select(l => new LevelRow(l.WarehouseKey, l.ItemKey, l.Minimum, l.Maximum, l.CharacteristicKey, l.PackageKey)).ToArray(),
            donors,
            onlyWarehouse,
            characteristics)
        {
            OnItsWay = incoming.Select(i => new OnItsWayRow(i.WarehouseKey, i.ItemKey, i.CharacteristicKey, i.Quantity, IncomingSource)).ToArray(),
        };
    }
}
