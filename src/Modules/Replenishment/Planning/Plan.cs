namespace Hub.Replenishment.Planning;

/// <summary>The outcome of planning: one decision per warehouse and item in deficit, the orders they add up to, and what was noticed on the way.</summary>
public sealed record Plan(
    IReadOnlyList<Decision> Decisions,
    IReadOnlyList<PlannedTransfer> Transfers,
    IReadOnlyList<PlannedPurchase> Purchases,
    IReadOnlyDictionary<string, int> Skipped,
    IReadOnlyList<string> Warnings);

public enum DecisionOutcome
{
    /// <summary>Donors cover all of it.</summary>
    Transfer,
    /// <summary>Donors cover part of it; the rest is bought.</summary>
    TransferAndPurchase,
    /// <summary>No donor has any to give.</summary>
    Purchase,
    /// <summary>In deficit, but nothing can be ordered (see the reason).</summary>
    Skipped,
}

/// <summary>
/// One warehouse × item × characteristic in deficit. <see cref="Balance"/> is on hand (ВНаличии), <see cref="ToShip"/>
/// what of it is promised (КОтгрузке); the free rest is what the minimum is compared with.
/// </summary>
public sealed record Decision(
    Guid WarehouseKey,
    string WarehouseName,
    Guid ItemKey,
    string ItemName,
    string? Unit,
    decimal Balance,
    decimal Minimum,
    decimal? Maximum,
    decimal Needed,
    IReadOnlyList<Allocation> FromDonors,
    decimal ToPurchase,
    DecisionOutcome Outcome,
    string Reason)
{
    // Properties, not constructor parameters with defaults: the OpenAPI schema writer cannot render a Guid default.
    public Guid CharacteristicKey { get; init; }
    public string? CharacteristicName { get; init; }
    public decimal ToShip { get; init; }
    public decimal Free => Balance - ToShip;
    /// <summary>What is already on its way to this shelf and was counted before ordering more.</summary>
    public decimal OnItsWay { get; init; }
    /// <summary>The package the order was rounded up to, where the norm names one.</summary>
    public string? Package { get; init; }
}

public sealed record Allocation(Guid DonorKey, string DonorName, decimal Quantity);

/// <summary>One line of an order: an item, its characteristic where it has one (empty otherwise), and a quantity in its unit.</summary>
public sealed record PlannedLine(Guid ItemKey, string ItemName, string? Unit, decimal Quantity)
{
    public Guid CharacteristicKey { get; init; }
    public string? CharacteristicName { get; init; }
}

/// <summary>One "Заказ на перемещение" per donor → recipient pair.</summary>
public sealed record PlannedTransfer(Guid DonorKey, string DonorName, Guid RecipientKey, string RecipientName, IReadOnlyList<PlannedLine> Lines);

/// <summary>
/// One "Заказ покупателя" per recipient for what no donor covers; a purchase of more positions than one order may carry
/// is split into parts (<see cref="Part"/> of <see cref="Parts"/>), each an order of its own, planned once.
/// </summary>
public sealed record PlannedPurchase(Guid RecipientKey, string RecipientName, IReadOnlyList<PlannedLine> Lines)
{
    public int Part { get; init; } = 1;
    public int Parts { get; init; } = 1;
}
