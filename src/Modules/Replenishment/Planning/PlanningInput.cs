namespace Hub.Replenishment.Planning;

/// <summary>Everything a plan is computed from, as read from 1C: no I/O happens past this point.</summary>
public sealed record PlanningInput(
    IReadOnlyList<WarehouseRow> Warehouses,
    IReadOnlyList<ItemRow> Items,
    IReadOnlyList<BalanceRow> Balances,
    IReadOnlyList<LevelRow> Levels,
    IReadOnlyList<string> DonorNames,
    Guid? OnlyWarehouse = null);

public sealed record WarehouseRow(Guid Key, string Name);

public sealed record ItemRow(Guid Key, string Name, string? Unit);

public sealed record BalanceRow(Guid WarehouseKey, Guid ItemKey, decimal Quantity);

/// <summary>A minimum level, and the maximum (target) to fill up to where 1C has one.</summary>
public sealed record LevelRow(Guid WarehouseKey, Guid ItemKey, decimal Minimum, decimal? Maximum);
