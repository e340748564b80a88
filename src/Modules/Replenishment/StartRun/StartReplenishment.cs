using Hub.Replenishment.PlanRun;
using Hub.Replenishment.Runs;
using Marten;
using Wolverine;
using Wolverine.Marten;

namespace Hub.Replenishment.StartRun;

/// <summary>Asks for a run: by the schedule, the API, the admin page or the command line.</summary>
public sealed record StartReplenishment(RunTrigger Trigger, Guid? WarehouseId, bool DryRun);

/// <summary>Either the run that was started, or the active run whose scope overlaps and blocked it.</summary>
public sealed record StartOutcome(Guid? StartedRunId, ReplenishmentRun? Conflict);

/// <summary>
/// Starts a run unless one with an overlapping scope is still planning or dispatching; planning itself happens on a durable
/// queue. A dry run sends nothing, so it is never refused and refuses nothing.
/// </summary>
public static class StartReplenishmentHandler
{
    /// <summary>The transaction-scoped advisory lock every real start takes before it looks for active runs.</summary>
    public const long ScopeLock = 0x4855425F52554E53; // "HUB_RUNS"

    public static async Task<IReadOnlyList<ReplenishmentRun>> LoadAsync(StartReplenishment command, IDocumentSession session, CancellationToken ct)
    {
        if (command.DryRun) return [];
        // The check and the claim are one step: starts queue on this lock, each sees the claims committed before it, and its
        // own commits (or rolls back) before the next looks. A unique index alone only caught identical scopes, not "all"
        // against one warehouse.
        await session.BeginTransactionAsync(ct);
        await session.QueryAsync<int>("select 1 from (select pg_advisory_xact_lock(?)) claimed", ct, ScopeLock);
        return await session.Query<ReplenishmentRun>().Where(r => r.ActiveScope != null).ToListAsync(ct);
    }

    public static (StartOutcome, IMartenOp, OutgoingMessages) Handle(StartReplenishment command, IReadOnlyList<ReplenishmentRun> active, TimeProvider clock)
    {
        var scope = command.WarehouseId?.ToString() ?? ReplenishmentRun.AllWarehouses;
        var conflict = active.FirstOrDefault(r => ReplenishmentRun.Overlaps(r.Scope, scope));
        if (conflict is not null)
            return (new StartOutcome(null, conflict), MartenOps.Nothing(), []);

        // The stream's first event projects the run's summary inline, with its claim on the scope.
        var requested = new RunRequested(Guid.CreateVersion7(), command.Trigger, command.WarehouseId, command.DryRun, clock.GetUtcNow());
        return (new StartOutcome(requested.RunId, null), MartenOps.StartStream<ReplenishmentRun>(requested.RunId, requested),
            [new PlanReplenishment(requested.RunId)]);
    }
}
