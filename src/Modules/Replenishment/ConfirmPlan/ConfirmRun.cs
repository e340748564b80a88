using Hub.Contracts.Replenishment;
using Hub.Replenishment.PlanRun;
using Hub.Replenishment.Runs;
using Hub.Replenishment.StartRun;
using Marten;
using Wolverine;
using Wolverine.Marten;

namespace Hub.Replenishment.ConfirmPlan;

/// <summary>A person's yes (<paramref name="Send"/>) or no to a plan waiting for a confirmation; the same message, scheduled, gives up on an unanswered one.</summary>
public sealed record ConfirmRun(Guid RunId, bool Send, string By, DateTimeOffset? GivesUpAt = null);

public enum ConfirmRunOutcome { Sent, Declined, NotFound, NotAwaiting }

public sealed record ConfirmRunResult(Guid RunId, ConfirmRunOutcome Outcome, RunStatus? Status, int Orders, string Detail);

public sealed record RunToConfirm(ReplenishmentRun? Run, RunPlan? Plan);

/// <summary>
/// Queues a waiting plan's orders, exactly as planning would have (each order's stream and outbox message in one
/// transaction), or ends the run Planned with nothing sent. Answers are taken one at a time under the start's lock, so a
/// double click or a yes racing the give-up queues the orders once.
/// </summary>
public static class ConfirmRunHandler
{
    public const string Unanswered = "nobody (no answer within the hour)";

    public static async Task<RunToConfirm> LoadAsync(ConfirmRun command, IDocumentSession session, CancellationToken ct)
    {
        await session.BeginTransactionAsync(ct);
        await session.QueryAsync<int>("select 1 from (select pg_advisory_xact_lock(?)) claimed", ct, StartReplenishmentHandler.ScopeLock);
        var run = await session.LoadAsync<ReplenishmentRun>(command.RunId, ct);
        return new(run, run is { Status: RunStatus.AwaitingConfirmation } && command.Send ? await session.LoadAsync<RunPlan>(command.RunId, ct) : null);
    }

    public static (ConfirmRunResult, IMartenOp, OutgoingMessages) Handle(ConfirmRun command, RunToConfirm loaded, TimeProvider clock)
    {
        if (loaded.Run is not { } run)
            return (new(command.RunId, ConfirmRunOutcome.NotFound, null, 0, $"no run has id {command.RunId}"), MartenOps.Nothing(), []);
        if (run.Status != RunStatus.AwaitingConfirmation)
            return (new(run.Id, ConfirmRunOutcome.NotAwaiting, run.Status, 0,
                $"run {run.Id} is {run.Status}{(run.AnsweredBy is { } by ? $", answered by {by}" : "")}: only a run waiting for a confirmation can be confirmed or declined"),
                MartenOps.Nothing(), []);

        var now = clock.GetUtcNow();
        var messages = new OutgoingMessages();
        if (!command.Send)
        {
            messages.Add(RunNotices.Ended(run.Id, RunStatus.Planned, 0, now, null));
            return (new(run.Id, ConfirmRunOutcome.Declined, RunStatus.Planned, 0, $"run {run.Id}: nothing was sent, declined by {command.By}"),
                AppendEvents.To(run.Id, new RunDeclined(command.By, now), new RunFinished(RunStatus.Planned, 0, 0, now)), messages);
        }

        var orders = loaded.Plan?.Unsent ?? [];
        var appends = new List<(Guid, object[])> { (run.Id, [new RunConfirmed(command.By, now)]) };
        PlanReplenishmentHandler.Queue(run.Id, orders, now, appends, messages);
        return (new(run.Id, ConfirmRunOutcome.Sent, RunStatus.Dispatching, orders.Count, $"run {run.Id}: {orders.Count} orders confirmed by {command.By} are on their way to the outbox"),
            new AppendEvents(appends), messages);
    }
}
