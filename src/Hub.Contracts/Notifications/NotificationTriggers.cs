namespace Hub.Contracts.Notifications;

/// <summary>
/// An order failed for good and waits in the dead letters for an operator. Published by the Outbox where it parks an
/// order; the notifications tell the configured channels (at most one message per run).
/// </summary>
public sealed record OrderParked(Guid RunId, Guid OrderId, string System, string Reason, DateTimeOffset At);

/// <summary>
/// A replenishment run reached its outcome (Completed, CompletedWithFailures, Planned, Failed). Published by
/// Replenishment where a run ends; the notifications speak up for Failed and CompletedWithFailures.
/// </summary>
public sealed record RunEnded(Guid RunId, string Outcome, int FailedOrders, DateTimeOffset At, string? Error = null)
{
    public bool IsFailure => Outcome is RunOutcomes.Failed or RunOutcomes.CompletedWithFailures;
}

/// <summary>The outcomes a <see cref="RunEnded"/> names, as the runs API spells them.</summary>
public static class RunOutcomes
{
    public const string Failed = "Failed";
    public const string CompletedWithFailures = "CompletedWithFailures";
}
