using Hub.Replenishment.PlanRun;
using Hub.Replenishment.Runs;
using Marten;
using Wolverine;
using Wolverine.Marten;

namespace Hub.Replenishment.StartRun;

/// <summary>
/// Asks for a run: by the schedule, the API, the admin page or the command line. <see cref="Confirmed"/>: the person asking
/// knows a run of an overlapping scope was started within the hour and wants another one anyway.
/// </summary>
public sealed record StartReplenishment(RunTrigger Trigger, Guid? WarehouseId, bool DryRun, bool Confirmed = false);

/// <summary>
/// Either the run that was started, or the active run whose scope overlaps and blocked it, or the recent run of an
/// overlapping scope that a new real run repeats, which waits for a confirmation.
/// </summary>
public sealed record StartOutcome(Guid? StartedRunId, ReplenishmentRun? Conflict, ReplenishmentRun? Recent = null);

/// <summary>What a start reads under its lock: the runs holding a scope, and the real runs started within the hour.</summary>
public sealed record ActiveAndRecent(IReadOnlyList<ReplenishmentRun> Active, IReadOnlyList<ReplenishmentRun> Recent);

/// <summary>
/// Starts a run unless one with an overlapping scope is still planning or dispatching, or one was started within the hour
/// and the person asking has not confirmed a repeat; planning itself happens on a durable queue. A dry run sends nothing,
/// so it is never refused and refuses nothing.
/// </summary>
public static class StartReplenishmentHandler
{
    /// <summary>The transaction-scoped advisory lock every real start takes before it looks for active runs.</summary>
    public const long ScopeLock = 0x4855425F52554E53; // "HUB_RUNS"

    /// <summary>A real run of an overlapping scope started within this time is repeated only when the person asking confirms it.</summary>
    public static readonly TimeSpan RepeatWindow = TimeSpan.FromHours(1);

    public static async Task<ActiveAndRecent> LoadAsync(StartReplenishment command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        if (command.DryRun) return new([], []);
        // The check and the claim are one step: starts queue on this lock, each sees the claims committed before it, and its
        // own commits (or rolls back) before the next looks. A unique index alone only caught identical scopes, not "all"
        // against one warehouse.
        await session.BeginTransactionAsync(ct);
        await session.QueryAsync<int>("select 1 from (select pg_advisory_xact_lock(?)) claimed", ct, ScopeLock);
        var active = await session.Query<ReplenishmentRun>().Where(r => r.ActiveScope != null).ToListAsync(ct);
        var since = clock.GetUtcNow() - RepeatWindow;
        var recent = !AsksToConfirm(command) ? []
            : await session.Query<ReplenishmentRun>().Where(r => r.RequestedAt > since && !r.DryRun && r.Status != RunStatus.Failed)
                .OrderByDescending(r => r.RequestedAt).Take(20).ToListAsync(ct);
        return new(active, recent);
    }

    /// <summary>
    /// A person at the admin page or the command line is asked before a real run repeats a scope within the hour: most often
    /// it is a second click. The schedule (once a weekday) and API clients (scripts, cron lines, 1C's scheduled tasks, which
    /// ask for a dry run first when they want to know) are not.
    /// </summary>
    public static bool AsksToConfirm(StartReplenishment command) =>
        !command.DryRun && !command.Confirmed && command.Trigger is RunTrigger.Admin or RunTrigger.Cli;

    public static (StartOutcome, IMartenOp, OutgoingMessages) Handle(StartReplenishment command, ActiveAndRecent runs, TimeProvider clock)
    {
        var scope = command.WarehouseId?.ToString() ?? ReplenishmentRun.AllWarehouses;
        var conflict = runs.Active.FirstOrDefault(r => ReplenishmentRun.Overlaps(r.Scope, scope));
        if (conflict is not null)
            return (new StartOutcome(null, conflict), MartenOps.Nothing(), []);
        if (AsksToConfirm(command) && runs.Recent.FirstOrDefault(r => ReplenishmentRun.Overlaps(r.Scope, scope)) is { } recent)
            return (new StartOutcome(null, null, recent), MartenOps.Nothing(), []);

        // The stream's first event projects the run's summary inline, with its claim on the scope.
        var requested = new RunRequested(Guid.CreateVersion7(), command.Trigger, command.WarehouseId, command.DryRun, clock.GetUtcNow(), AsksToConfirm(command));
        return (new StartOutcome(requested.RunId, null), MartenOps.StartStream<ReplenishmentRun>(requested.RunId, requested),
            [new PlanReplenishment(requested.RunId)]);
    }
}
