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
    IReadOnlyDictionary<Guid, string>? Characteristics = null)
{
    /// <summary>Goods already on their way to a warehouse: 1C's orders not yet received, the hub's own orders not closed.</summary>
    public IReadOnlyList<OnItsWayRow> OnItsWay { get; init; } = [];

    /// <summary>A donor's stock that an open order of the hub already takes but 1C does not count as promised yet (not posted there).</summary>
    public IReadOnlyList<PromisedRow> Promised { get; init; } = [];

    /// <summary>The packages norms round orders to (УпаковкаЗаказа), by key.</summary>
    public IReadOnlyDictionary<Guid, PackageRow> Packages { get; init; } = new Dictionary<Guid, PackageRow>();

    /// <summary>The most positions one customer order may carry (МойСклад refuses more than 1000 in one request); a larger purchase is split.</summary>
    public int MaxPurchasePositions { get; init; } = 1000;
}

public sealed record WarehouseRow(Guid Key, string Name);

public sealed record ItemRow(Guid Key, string Name, string? Unit);

/// <summary>A balance of one item and characteristic (empty when the item has none) at a warehouse: on hand and promised to shipments.</summary>
public sealed record BalanceRow(Guid WarehouseKey, Guid ItemKey, decimal Quantity, Guid CharacteristicKey = default, decimal ToShip = 0);

/// <summary>A quantity of one item and characteristic on its way to a warehouse, and where it comes from ("1C transfer orders", "the hub's orders").</summary>
public sealed record OnItsWayRow(Guid WarehouseKey, Guid ItemKey, Guid CharacteristicKey, decimal Quantity, string Source);

/// <summary>A quantity of a donor's stock already taken by an open order.</summary>
public sealed record PromisedRow(Guid DonorKey, Guid ItemKey, Guid CharacteristicKey, decimal Quantity);

/// <summary>A package of an item ("Коробка (10 шт)"): how many base units it holds.</summary>
public sealed record PackageRow(Guid Key, string Name, decimal Factor);

/// <summary>A minimum level, and the maximum (target) to fill up to where 1C has one, of one item and characteristic at a warehouse.</summary>
public sealed record LevelRow(Guid WarehouseKey, Guid ItemKey, decimal Minimum, decimal? Maximum, Guid CharacteristicKey = default, Guid PackageKey = default);
