using Hub.Contracts.Replenishment;
using Marten;
using Wolverine.Marten;

namespace Hub.Replenishment.Runs;

// The run's own events, on the stream whose id is the run id. Its orders have a stream each (Hub.Contracts' order events).

/// <summary>Someone asked for a run: the schedule, the API, the admin page or the command line.</summary>
/// <param name="AsksToConfirm">A person started it (admin, command line) without saying yes beforehand: a plan that orders more
/// for a shelf with goods on their way waits for their confirmation.</param>
public sealed record RunRequested(Guid RunId, RunTrigger Trigger, Guid? WarehouseId, bool DryRun, DateTimeOffset At, bool AsksToConfirm = false);

/// <summary>Planning began reading 1C.</summary>
public sealed record RunPlanningStarted(DateTimeOffset At);

/// <summary>
/// The plan, written once: what was read, every decision with its reason, what was skipped and why, how many orders. A real
/// run's orders each start their own stream (<see cref="OrderQueued"/>, lines included) in the same transaction; a dry
/// run's orders are never sent, so they are kept here (<see cref="Unsent"/>).
/// </summary>
public sealed record RunPlanned(RunInputs Inputs, IReadOnlyList<Decision> Decisions, IReadOnlyDictionary<string, int> Skipped,
    IReadOnlyList<string> Warnings, long ReadMs, long PlanMs, int Orders, IReadOnlyList<RunOrder> Unsent, DateTimeOffset At)
{
    /// <summary>The warnings in their parts, one each; empty in a plan recorded before they were kept.</summary>
    public IReadOnlyList<PlanWarning> WarningParts { get; init; } = [];
}

/// <summary>
/// The plan orders more for <paramref name="Shelves"/> shelves with goods already on their way; its orders are kept with the
/// plan, unsent, until a person confirms or declines, or until <paramref name="ExpiresAt"/>, when nothing is sent.
/// </summary>
public sealed record RunAwaitingConfirmation(int Shelves, DateTimeOffset ExpiresAt, DateTimeOffset At);

/// <summary>A person said yes: the planned orders are queued for the outbox in this transaction.</summary>
public sealed record RunConfirmed(string By, DateTimeOffset At);

/// <summary>A person said no, or nobody answered in time: nothing is sent and the run ends Planned.</summary>
public sealed record RunDeclined(string By, DateTimeOffset At);

/// <summary>
/// Every order of the run has been tried at least once: the run gives up its scope, so an order retrying for hours does
/// not refuse the next runs (they count it as on its way). The run itself goes on until its last order ends.
/// </summary>
public sealed record RunDispatched(int StillOpen, DateTimeOffset At);

/// <summary>Planning could not finish.</summary>
public sealed record RunFailed(string Error, DateTimeOffset At)
{
    /// <summary>The error in its parts; null in a failure recorded before they were kept.</summary>
    public RunError? Parts { get; init; }
}

/// <summary>The run reached its outcome; the counts are its orders' at that moment.</summary>
public sealed record RunFinished(RunStatus Outcome, int Sent, int Failed, DateTimeOffset At);

/// <summary>A parked order of a finished run was replayed: the run dispatches again until that order ends.</summary>
public sealed record RunReopened(Guid OrderId, DateTimeOffset At);

/// <summary>Appends events to streams: a handler's side effect, committed with the messages it cascades.</summary>
public sealed class AppendEvents(IReadOnlyList<(Guid Stream, object[] Events)> appends) : IMartenOp
{
    public IReadOnlyList<(Guid Stream, object[] Events)> Appends { get; } = appends;

    public static AppendEvents To(Guid stream, params object[] events) => new([(stream, events)]);

    public void Execute(IDocumentSession session)
    {
        foreach (var (stream, events) in Appends)
            if (events.Length > 0) session.Events.Append(stream, events);
    }
}
