using Hub.Contracts.Outbox;
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
public sealed class RunDesk(IQuerySession session, IRunOrders deliveries, IMessageBus bus, IWolverineRuntime runtime, IServiceProvider services, TimeProvider clock,
    WarehouseDirectory warehouses)
    : IRuns, ISchedules
{
    public Task<RunsPage> ListAsync(RunStatus? status, int pageSize, string? next, CancellationToken ct) =>
        ListRunsHandler.Handle(new ListRuns.ListRuns(status, pageSize, KeysetCursor.After(next)), session, deliveries, ct);

    public Task<RunDetail?> FindAsync(Guid id, CancellationToken ct) => RunDetails.LoadAsync(session, deliveries, id, ct);

    public async Task<int> CountFailedSinceAsync(DateTimeOffset since, CancellationToken ct) =>
        await session.Query<ReplenishmentRun>()
            .Where(r => (r.Status == RunStatus.Failed || r.Status == RunStatus.CompletedWithFailures) && r.FinishedAt > since)
            .CountAsync(ct);

    public async Task<IReadOnlyList<RunSummary>> FailedSinceAsync(DateTimeOffset since, int limit, CancellationToken ct)
    {
        var failed = await session.Query<ReplenishmentRun>()
            .Where(r => r.Status == RunStatus.Failed && r.FinishedAt > since)
            .OrderByDescending(r => r.FinishedAt).Take(limit).ToListAsync(ct);
        if (failed.Count == 0) return [];
        var counts = await deliveries.CountAsync(failed.Select(r => r.Id).ToArray(), ct);
        return failed.Select(r => ListRunsHandler.Summarise(r, counts.GetValueOrDefault(r.Id))).ToArray();
    }

    public Task<RunPageView?> PageAsync(Guid id, RunPageQuery query, CancellationToken ct) => RunDetails.LoadPageAsync(session, deliveries, id, query, ct);

    public Task<TimelinePage?> TimelineAsync(Guid id, long after, int pageSize, CancellationToken ct) =>
        GetRunTimeline.RunTimeline.ReadAsync(session, deliveries, id, after, pageSize, ct);

    public Task<WarehouseList> WarehousesAsync(CancellationToken ct) => warehouses.GetAsync(ct);

    public async Task<RunAnswer> AnswerAsync(Guid runId, bool send, string by, CancellationToken ct)
    {
        var result = await bus.InvokeAsync<ConfirmPlan.ConfirmRunResult>(new ConfirmPlan.ConfirmRun(runId, send, by), ct);
        return new RunAnswer(result.Outcome.ToString(), result.Detail);
    }

    public async Task<RunStart> StartAsync(RunTrigger trigger, Guid? warehouseId, bool dryRun, CancellationToken ct, bool confirmed = false)
    {
        try
        {
            var outcome = await bus.InvokeAsync<StartOutcome>(new StartReplenishment(trigger, warehouseId, dryRun, confirmed), ct);
            return new RunStart(outcome.StartedRunId, outcome.Conflict is { } running ? ListRunsHandler.Summarise(running) : null,
                Recent: outcome.Recent is { } recent ? ListRunsHandler.Summarise(recent) : null);
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
}
