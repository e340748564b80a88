using Hub.Contracts.Replenishment;
using Hub.Replenishment.Runs;
using Marten;
using Wolverine.Marten;

namespace Hub.Replenishment.RecordDelivery;

/// <summary>Writes what the Outbox reported onto the run's order, and ends the run when its last order has ended.</summary>
/// <remarks>Runs on a sequential queue: notices for one run arrive together, and one at a time they cannot overwrite each other.</remarks>
public static class OrderDeliveryChangedHandler
{
    public static Task<ReplenishmentRun?> LoadAsync(OrderDeliveryChanged change, IDocumentSession session, CancellationToken ct) =>
        session.LoadAsync<ReplenishmentRun>(change.RunId, ct);

    public static IMartenOp Handle(OrderDeliveryChanged change, ReplenishmentRun? run, TimeProvider clock)
    {
        var order = run?.Orders.FirstOrDefault(o => o.Id == change.OrderId);
        // An older notice (a retry reported after the success that followed it) changes nothing.
        if (run is null || order is null || (order.UpdatedAt is { } seen && change.At < seen)) return MartenOps.Nothing();

        order.State = change.State;
        order.Attempts = change.Attempts;
        order.ExternalId = change.ExternalId ?? order.ExternalId;
        order.ExternalNumber = change.ExternalNumber ?? order.ExternalNumber;
        order.Reason = change.Reason;
        order.NextAttemptAt = change.NextAttemptAt;
        order.UpdatedAt = change.At;
        if (change.State == DeliveryState.Replayed && run.Status is RunStatus.Completed or RunStatus.CompletedWithFailures)
        {
            // A replayed order reopens its run until it ends again; the scope stays free for new runs meanwhile.
            run.Status = RunStatus.Dispatching;
            run.FinishedAt = null;
        }

        run.FinishIfDone(clock.GetUtcNow());
        return MartenOps.Store(run);
    }
}
