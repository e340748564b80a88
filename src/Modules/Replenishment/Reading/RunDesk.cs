using Hub.Contracts.Paging;
using Hub.Contracts.Scheduling;
using Hub.Replenishment.ListRuns;
using Hub.Replenishment.Runs;
using Hub.Replenishment.Schedule;
using Hub.Replenishment.StartRun;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using Wolverine.Runtime;
using Wolverine.Runtime.Recurring;

namespace Hub.Replenishment.Reading;

/// <summary>
/// The Replenishment module's side of <see cref="IRuns"/> and <see cref="ISchedules"/>: reads take the query session,
/// a start goes through the same handler as the trigger API, so the admin pages and the API start and refuse alike.
/// </summary>
public sealed class RunDesk(IQuerySession session, IMessageBus bus, IWolverineRuntime runtime, IServiceProvider services, TimeProvider clock)
    : IRuns, ISchedules
{
    public Task<RunsPage> ListAsync(RunStatus? status, int pageSize, string? next, CancellationToken ct) =>
        ListRunsHandler.Handle(new ListRuns.ListRuns(status, pageSize, KeysetCursor.After(next)), session, ct);

    public async Task<RunDetail?> FindAsync(Guid id, CancellationToken ct) =>
        await session.LoadAsync<ReplenishmentRun>(id, ct) is { } run ? Detail(run) : null;

    public async Task<RunStart> StartAsync(RunTrigger trigger, Guid? warehouseId, bool dryRun, CancellationToken ct)
    {
        try
        {
            var outcome = await bus.InvokeAsync<StartOutcome>(new StartReplenishment(trigger, warehouseId, dryRun), ct);
            return new RunStart(outcome.StartedRunId, outcome.Conflict is { } running ? ListRunsHandler.Summarise(running) : null);
        }
        catch (Exception ex) when (StartRunEndpoint.IsUniqueViolation(ex))
        {
            // Lost the race to an identical trigger: the unique index on the active scope refused this one.
            return new RunStart(null, null, RaceLost: true);
        }
    }

    // The schedule control is resolved when asked for: only a serving host registers schedules, and with them the control.
    public Task<IReadOnlyList<ScheduleView>> ListAsync(CancellationToken ct) =>
        ScheduleViews.LoadAsync(runtime, services.GetRequiredService<IRecurringScheduleControl>(), session, clock, ct);

    public static RunDetail Detail(ReplenishmentRun r) => new()
    {
        Id = r.Id, Trigger = r.Trigger, WarehouseId = r.WarehouseId, Scope = r.Scope, DryRun = r.DryRun, Status = r.Status,
        RequestedAt = r.RequestedAt, PlanningStartedAt = r.PlanningStartedAt, PlannedAt = r.PlannedAt, FinishedAt = r.FinishedAt,
        ReadMs = r.ReadMs, PlanMs = r.PlanMs, Error = r.Error, Inputs = r.Inputs, Decisions = r.Decisions, Skipped = r.Skipped,
        Warnings = r.Warnings, Orders = r.Orders,
    };
}
