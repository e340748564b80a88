using Hub.Contracts.Notifications;
using Wolverine;

namespace Hub.Replenishment.Runs;

/// <summary>
/// What a run tells the rest of the hub when it ends (the notifications listen): one <see cref="RunEnded"/>, cascaded from
/// the handler whose write ended it, so it is in the same transaction as the run's outcome.
/// </summary>
public static class RunNotices
{
    public static RunEnded Ended(ReplenishmentRun run) =>
        new(run.Id, run.Status.ToString(), run.Orders.Count(o => o.State is Hub.Contracts.Replenishment.DeliveryState.Parked or Hub.Contracts.Replenishment.DeliveryState.Discarded),
            run.FinishedAt ?? run.RequestedAt, run.Error);

    /// <summary>The notice if this write ended the run, else nothing.</summary>
    public static OutgoingMessages IfEnded(ReplenishmentRun run) => run.EndedInThisWrite ? [Ended(run)] : [];
}
