using Hub.Contracts.Outbox;
using Hub.Replenishment.Runs;
using Marten;

namespace Hub.Replenishment.Reading;

/// <summary>
/// A run as its page and API show it, put together from its projections: the summary, the plan (written once) and the
/// Outbox's delivery view of its orders. Nothing is copied from one to another, so nothing can drift.
/// </summary>
public static class RunDetails
{
    public static async Task<RunDetail?> LoadAsync(IQuerySession session, IRunOrders deliveries, Guid id, CancellationToken ct)
    {
        var batch = session.CreateBatchQuery();
        var summary = batch.Load<ReplenishmentRun>(id);
        var plan = batch.Load<RunPlan>(id);
        await batch.Execute(ct);
        if (await summary is not { } run) return null;
        var planned = await plan;
        // A dry run's orders were only planned; a real run's are where the Outbox delivers them.
        IReadOnlyList<RunOrder> orders = planned is { Unsent.Count: > 0 } ? planned.Unsent
            : run.OrderCount == 0 && run.PlannedAt is not null ? []
            : await deliveries.ListAsync(id, ct);
        return Compose(run, planned, orders);
    }

    public static RunDetail Compose(ReplenishmentRun r, RunPlan? plan, IReadOnlyList<RunOrder> orders) => new()
    {
        Id = r.Id, Trigger = r.Trigger, WarehouseId = r.WarehouseId, Scope = r.Scope, DryRun = r.DryRun, Status = r.Status,
        RequestedAt = r.RequestedAt, PlanningStartedAt = r.PlanningStartedAt, PlannedAt = r.PlannedAt, FinishedAt = r.FinishedAt,
        ReadMs = r.ReadMs, PlanMs = r.PlanMs, Error = r.Error, Inputs = plan?.Inputs, Decisions = plan?.Decisions ?? [],
        Skipped = plan?.Skipped ?? new Dictionary<string, int>(), Warnings = plan?.Warnings ?? [], Orders = orders,
    };
}
