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
    string Reason);

public sealed record Allocation(Guid DonorKey, string DonorName, decimal Quantity);

public sealed record PlannedLine(Guid ItemKey, string ItemName, string? Unit, decimal Quantity);

/// <summary>One "Заказ на перемещение" per donor → recipient pair.</summary>
public sealed record PlannedTransfer(Guid DonorKey, string DonorName, Guid RecipientKey, string RecipientName, IReadOnlyList<PlannedLine> Lines);

/// <summary>One "Заказ покупателя" per recipient for what no donor covers.</summary>
public sealed record PlannedPurchase(Guid RecipientKey, string RecipientName, IReadOnlyList<PlannedLine> Lines);
