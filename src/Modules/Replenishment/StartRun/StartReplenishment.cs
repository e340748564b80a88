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

/// <summary>Starts a run unless one with an overlapping scope is still planning or dispatching; planning itself happens on a durable queue.</summary>
public static class StartReplenishmentHandler
{
    public static async Task<IReadOnlyList<ReplenishmentRun>> LoadAsync(StartReplenishment command, IDocumentSession session, CancellationToken ct) =>
        await session.Query<ReplenishmentRun>().Where(r => r.ActiveScope != null).ToListAsync(ct);

    public static (StartOutcome, IMartenOp, OutgoingMessages) Handle(StartReplenishment command, IReadOnlyList<ReplenishmentRun> active, TimeProvider clock)
    {
        var scope = command.WarehouseId?.ToString() ?? ReplenishmentRun.AllWarehouses;
        var conflict = active.FirstOrDefault(r => ReplenishmentRun.Overlaps(r.Scope, scope));
        if (conflict is not null)
            return (new StartOutcome(null, conflict), MartenOps.Nothing(), []);

        // The stream's first event projects the run's summary inline; the unique index on its active scope turns a race
        // between two identical triggers into a failed insert.
        var requested = new RunRequested(Guid.CreateVersion7(), command.Trigger, command.WarehouseId, command.DryRun, clock.GetUtcNow());
        return (new StartOutcome(requested.RunId, null), MartenOps.StartStream<ReplenishmentRun>(requested.RunId, requested),
            [new PlanReplenishment(requested.RunId)]);
    }
}
