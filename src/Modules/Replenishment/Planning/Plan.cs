namespace Hub.Replenishment.Planning;

/// <summary>The outcome of planning: one decision per warehouse and item in deficit, the orders they add up to, and what was noticed on the way.</summary>
public sealed record Plan(
    IReadOnlyList<Decision> Decisions,
    IReadOnlyList<PlannedTransfer> Transfers,
    IReadOnlyList<PlannedPurchase> Purchases,
    IReadOnlyDictionary<string, int> Skipped,
    IReadOnlyList<string> Warnings)
{
    /// <summary><see cref="Warnings"/> in their parts, one each in the same order.</summary>
    public IReadOnlyList<PlanWarning> WarningParts { get; init; } = [];

    /// <summary>The plan with one more warning, its sentence and its parts.</summary>
    public Plan Warn(string text, PlanWarning parts) => this with { Warnings = [.. Warnings, text], WarningParts = [.. WarningParts, parts] };
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
