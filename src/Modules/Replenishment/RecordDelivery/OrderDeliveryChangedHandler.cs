using Hub.Contracts.Replenishment;
using Hub.Replenishment.Runs;
using JasperFx;
using Marten;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;
using Wolverine.Marten;

namespace Hub.Replenishment.RecordDelivery;

/// <summary>Writes what the Outbox reported onto the run's order, and ends the run when its last order has ended.</summary>
/// <remarks>
/// Runs on a sequential queue, so one node writes one notice at a time; other nodes write the same run meanwhile (each
/// records the orders it delivered), and the run's optimistic concurrency turns a lost update into a retry on the fresh run.
/// </remarks>
public static class OrderDeliveryChangedHandler
{
    public static void Configure(HandlerChain chain) =>
        chain.OnException<ConcurrencyException>()
            .RetryWithCooldown(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(250))
            .Then.ScheduleRetry(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10));

    public static Task<ReplenishmentRun?> LoadAsync(OrderDeliveryChanged change, IDocumentSession session, CancellationToken ct) =>
        session.LoadAsync<ReplenishmentRun>(change.RunId, ct);

    public static (IMartenOp, OutgoingMessages) Handle(OrderDeliveryChanged change, ReplenishmentRun? run, TimeProvider clock)
    {
        var order = run?.Orders.FirstOrDefault(o => o.Id == change.OrderId);
        // An older notice (a retry reported after the success that followed it) changes nothing.
        if (run is null || order is null || (order.UpdatedAt is { } seen && change.At < seen)) return (MartenOps.Nothing(), []);

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
        return (MartenOps.Store(run), RunNotices.IfEnded(run));
    }
}
