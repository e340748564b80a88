using Hub.Contracts.Notifications;

namespace Hub.Replenishment.Runs;

/// <summary>
/// What a run tells the rest of the hub when it ends (the notifications listen): one <see cref="RunEnded"/>, cascaded from
/// the handler that appends the run's end, so it is in the same transaction as the event that says so.
/// </summary>
public static class RunNotices
{
    public static RunEnded Ended(Guid runId, RunStatus outcome, int failedOrders, DateTimeOffset at, string? error) =>
        new(runId, outcome.ToString(), failedOrders, at, error);
}
