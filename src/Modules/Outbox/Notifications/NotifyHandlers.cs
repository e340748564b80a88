using Hub.Contracts.Notifications;
using JasperFx;
using Marten;
using Marten.Exceptions;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Marten;
using Wolverine.Runtime.Handlers;

namespace Hub.Outbox.Notifications;

/// <summary>
/// The first failure of a run (an order parked, the run failed or ended with failures) sends one message to each channel;
/// what follows for the same run only adds to its record, which the digest reads. The record is written with the messages
/// in one transaction, so a retry or a second node never sends a second one.
/// </summary>
public static class NotifyRun
{
    /// <summary>Two nodes (or two orders) recording one run at once: the loser retries against the fresh record.</summary>
    public static void Configure(HandlerChain chain) =>
        chain.OnException<ConcurrencyException>().Or<DocumentAlreadyExistsException>()
            .RetryWithCooldown(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(250))
            .Then.ScheduleRetry(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));

    public static (IMartenOp, OutgoingMessages) Decide(RunNotification? known, Guid runId, string @event, Action<RunNotification> record,
        NotificationOptions options, DateTimeOffset now)
    {
        var run = known ?? new RunNotification { Id = runId, Event = @event, NotifiedAt = now };
        record(run);
        run.UpdatedAt = now;
        var messages = new OutgoingMessages();
        if (known is not null) return (MartenOps.Store(run), messages);

        var body = NotificationText.ForRun(run, options.HubUrl);
        foreach (var channel in options.Channels())
            messages.Add(new SendNotification(Guid.CreateVersion7(), channel, body));
        return (MartenOps.Insert(run), messages);
    }
}

// Loaded through the writing session: the version it remembers is what optimistic concurrency compares on save.
/// <summary>An order parked: the run's one message if it is the run's first failure, else a line in its record.</summary>
public static class OrderParkedHandler
{
    public static void Configure(HandlerChain chain) => NotifyRun.Configure(chain);

    public static Task<RunNotification?> LoadAsync(OrderParked parked, IDocumentSession session, CancellationToken ct) =>
        session.LoadAsync<RunNotification>(parked.RunId, ct);

    public static (IMartenOp, OutgoingMessages) Handle(OrderParked parked, RunNotification? known, NotificationOptions options, TimeProvider clock) =>
        NotifyRun.Decide(known, parked.RunId, NotificationEvents.OrderParked, run =>
        {
            run.ParkedOrders.RemoveAll(o => o.OrderId == parked.OrderId);
            run.ParkedOrders.Add(new NotifiedOrder(parked.OrderId, parked.System, parked.Reason, parked.At));
        }, options, clock.GetUtcNow());
}

/// <summary>A run ended: a failure is the run's one message unless an order of it already spoke; a success closes its record.</summary>
public static class RunEndedHandler
{
    public static void Configure(HandlerChain chain) => NotifyRun.Configure(chain);

    public static Task<RunNotification?> LoadAsync(RunEnded ended, IDocumentSession session, CancellationToken ct) =>
        session.LoadAsync<RunNotification>(ended.RunId, ct);

    public static (IMartenOp, OutgoingMessages) Handle(RunEnded ended, RunNotification? known, NotificationOptions options, TimeProvider clock)
    {
        // A run that ends well says nothing; one whose parked orders were replayed and then sent leaves the digest.
        if (!ended.IsFailure)
        {
            if (known is null) return (MartenOps.Nothing(), []);
            known.Outcome = ended.Outcome;
            known.FailedOrders = 0;
            known.ParkedOrders.Clear();
            known.UpdatedAt = clock.GetUtcNow();
            return (MartenOps.Store(known), []);
        }
        var @event = ended.Outcome == RunOutcomes.Failed ? NotificationEvents.RunFailed : NotificationEvents.RunCompletedWithFailures;
        return NotifyRun.Decide(known, ended.RunId, @event, run =>
        {
            run.Outcome = ended.Outcome;
            run.FailedOrders = ended.FailedOrders;
            run.Error = ended.Error;
        }, options, clock.GetUtcNow());
    }
}
