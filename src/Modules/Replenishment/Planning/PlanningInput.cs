namespace Hub.Replenishment.Planning;

/// <summary>Everything a plan is computed from, as read from 1C: no I/O happens past this point.</summary>
/// <param name="Items">The items in use; a norm of an item not among them (deleted, a group) is not planned.</param>
/// <param name="Characteristics">Names of the characteristics, by key, for decisions and order lines to show.</param>
public sealed record PlanningInput(
    IReadOnlyList<WarehouseRow> Warehouses,
    IReadOnlyList<ItemRow> Items,
    IReadOnlyList<BalanceRow> Balances,
    IReadOnlyList<LevelRow> Levels,
    IReadOnlyList<string> DonorNames,
    Guid? OnlyWarehouse = null,
    IReadOnlyDictionary<Guid, string>? Characteristics = null);

public sealed record WarehouseRow(Guid Key, string Name);

public sealed record ItemRow(Guid Key, string Name, string? Unit);

/// <summary>A balance of one item and characteristic (empty when the item has none) at a warehouse: on hand and promised to shipments.</summary>
public sealed record BalanceRow(Guid WarehouseKey, Guid ItemKey, decimal Quantity, Guid CharacteristicKey = default, decimal ToShip = 0);

/// <summary>A minimum level, and the maximum (target) to fill up to where 1C has one, of one item and characteristic at a warehouse.</summary>
public sealed record LevelRow(Guid WarehouseKey, Guid ItemKey, decimal Minimum, decimal? Maximum, Guid CharacteristicKey = default, Guid PackageKey = default);
