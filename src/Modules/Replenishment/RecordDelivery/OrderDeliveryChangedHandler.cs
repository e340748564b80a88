using Hub.Contracts.Logging;
using Hub.Contracts.Outbox;
using Hub.Contracts.Replenishment;
using Hub.Replenishment.Runs;
using JasperFx;
using Marten;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace Hub.Replenishment.RecordDelivery;

/// <summary>
/// Ends a run when none of its orders is open any more, frees its scope once every order has been tried, and reopens a finished run when one of its parked orders is replayed.
/// Nothing of the order is written here: its state is the Outbox's delivery view, counted by run on an index.
/// </summary>
/// <remarks>
/// Each notice is handled after the transaction that changed its order committed, so the notice of the last order to end
/// always counts every order ended. Two nodes that both see the last one append to the run's stream at the same version:
/// the loser's write fails on the stream's version and is retried on the fresh run, which has ended by then.
/// </remarks>
public static class OrderDeliveryChangedHandler
{
    public static void Configure(HandlerChain chain) =>
        chain.OnException<ConcurrencyException>()
            .RetryWithCooldown(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(250))
            .Then.ScheduleRetry(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10));

    public static async Task<OutgoingMessages> Handle(OrderDeliveryChanged change, IDocumentSession session, IRunOrders orders, TimeProvider clock,
        IIntegrationLogWriter logs, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<ReplenishmentRun>(change.RunId, ct);
        if (stream.Aggregate is not { } run) return [];
        var counts = (await orders.CountAsync([run.Id], ct)).GetValueOrDefault(run.Id) ?? RunOrderCounts.None;
        var (events, notices) = Decide(run, change, counts, clock.GetUtcNow());
        if (events.Count > 0) stream.AppendMany(events);
        if (events.OfType<RunFinished>().FirstOrDefault() is { Outcome: RunStatus.CompletedWithFailures } end) logs.Write(EndedWithFailures(run, end));
        return notices;
    }

    /// <summary>The ERROR log of a run whose orders did not all arrive: the operator's Logs page shows it beside the parkings.</summary>
    public static LogEntry EndedWithFailures(ReplenishmentRun run, RunFinished end) => new()
    {
        ProcessName = PlanRun.PlanReplenishmentHandler.Process,
        Step = "run_end",
        Level = LogLevels.Error,
        Status = "failed",
        Message = $"Run {run.Id} ended with failures: {end.Failed} of {run.OrderCount} orders parked or discarded, {end.Sent} sent",
        RunId = run.Id.ToString(),
        Action = "replenishment_run",
        ErrorMessage = $"{end.Failed} orders parked or discarded",
    };

    /// <summary>What the notice means for the run: a reopening, an end, both, or nothing.</summary>
    public static (IReadOnlyList<object> Events, OutgoingMessages Notices) Decide(ReplenishmentRun run, OrderDeliveryChanged change, RunOrderCounts counts,
        DateTimeOffset now)
    {
        var events = new List<object>();
        var status = run.Status;
        if (change.State == DeliveryState.Replayed && status is RunStatus.Completed or RunStatus.CompletedWithFailures)
        {
            events.Add(new RunReopened(change.OrderId, now));
            status = RunStatus.Dispatching;
        }

        var notices = new OutgoingMessages();
        // An order the delivery view has not seen yet (its first event still on its way) keeps the run open.
        if (status == RunStatus.Dispatching && counts.Open == 0 && counts.Total >= run.OrderCount)
        {
            var outcome = counts.Failed == 0 ? RunStatus.Completed : RunStatus.CompletedWithFailures;
            events.Add(new RunFinished(outcome, counts.Sent, counts.Failed, now));
            notices.Add(RunNotices.Ended(run.Id, outcome, counts.Failed, now, null));
        }
        else if (status == RunStatus.Dispatching && run.ActiveScope is not null && counts.Waiting == 0 && counts.Total >= run.OrderCount)
        {
            // Every order has been tried once: what still retries or is parked no longer holds the scope.
            events.Add(new RunDispatched(counts.Open, now));
        }

        return (events, notices);
    }
}
