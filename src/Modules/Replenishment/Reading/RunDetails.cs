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
        // A dry run's orders were only planned (so were those of a plan waiting for a yes, or declined); a real run's are where
        // the Outbox delivers them.
        IReadOnlyList<RunOrder> orders = planned is { Unsent.Count: > 0 } && run.OrdersUnsent ? planned.Unsent
            : run.OrderCount == 0 && run.PlannedAt is not null ? []
            : await deliveries.ListAsync(id, ct);
        return Compose(run, planned, orders);
    }

    /// <summary>
    /// A run as its page shows it: the summary, a page of orders from the delivery view and the first decisions of the plan,
    /// cut out by PostgreSQL, so a run of thousands of orders loads as fast as a small one and its page can poll every 2 s.
    /// </summary>
    public static async Task<RunPageView?> LoadPageAsync(IQuerySession session, IRunOrders deliveries, Guid id, RunPageQuery query, CancellationToken ct)
    {
        var batch = session.CreateBatchQuery();
        var summary = batch.Load<ReplenishmentRun>(id);
        var previewed = batch.Load<RunPlanPreview>(id);
        await batch.Execute(ct);
        if (await summary is not { } run) return null;
        // The preview written with the plan answers a real run's page; a dry run's orders, a longer list of decisions or a
        // run planned before previews existed are cut out of the whole plan by PostgreSQL.
        var plan = await previewed is { } preview && (preview.UnsentCount == 0 || !run.OrdersUnsent) && query.Decisions <= RunPlanPreview.DecisionsKept
            ? RunPlanSlice.Of(preview, query.Decisions)
            : await LoadPlanSliceAsync(session, id, query, ct);
        if (plan is { UnsentCount: > 0 } && run.OrdersUnsent)
        {
            // A dry run's orders live in its plan: a page of them, cut the same way; none of them was sent.
            var skip = query.OrdersAfter is { } after ? plan.Unsent.FindIndex(o => o.Id == after) + 1 : 0;
            var unsent = plan.Unsent.Skip(skip).Take(query.Orders).ToArray();
            var more = unsent.Length > 0 && skip + unsent.Length < plan.Unsent.Count ? unsent[^1].Id.ToString() : null;
            var counts = new RunOrderCounts(plan.UnsentCount, 0, 0, 0);
            return new RunPageView(Compose(run, plan.ToPlan(), unsent), plan.DecisionCount, counts, more);
        }

        // No orders asked for (the timeline's page needs only the run) or none planned: the delivery view is not read.
        var page = query.Orders <= 0 || run.OrderCount == 0 && run.PlannedAt is not null
            ? new RunOrdersPage([], RunOrderCounts.None, null)
            : await deliveries.PageAsync(id, query.OrderState, query.OrdersAfter, query.Orders, ct);
        return new RunPageView(Compose(run, plan?.ToPlan(), page.Items), plan?.DecisionCount ?? 0, page.Counts, page.Next);
    }

    // A dry run's orders come whole with the slice: a dry run is not polled, and its orders are nowhere else.
    private static async Task<RunPlanSlice?> LoadPlanSliceAsync(IQuerySession session, Guid id, RunPageQuery query, CancellationToken ct)
    {
        var table = session.DocumentStore.Options.Schema.For<RunPlan>();
        var decisions = query.Decisions <= 0 ? "'[]'::jsonb" : $"jsonb_path_query_array(coalesce(data->'decisions', '[]'), 'lax $[0 to {query.Decisions - 1}]')";
        var rows = await session.QueryAsync<RunPlanSlice>(
            $"""
            select jsonb_build_object('id', data->'id', 'inputs', data->'inputs', 'skipped', data->'skipped', 'warnings', data->'warnings',
              'decisions', {decisions},
              'unsent', coalesce(data->'unsent', '[]'),
              'decision_count', jsonb_array_length(coalesce(data->'decisions', '[]')),
              'unsent_count', jsonb_array_length(coalesce(data->'unsent', '[]')))
            from {table} where id = ?
            """, ct, id);
        return rows.FirstOrDefault();
    }

    /// <summary>The part of a <see cref="RunPlan"/> a page shows, with how many decisions and dry-run orders the whole has.</summary>
    public sealed class RunPlanSlice
    {
        public Guid Id { get; set; }
        public RunInputs? Inputs { get; set; }
        public List<Decision> Decisions { get; set; } = [];
        public Dictionary<string, int> Skipped { get; set; } = [];
        public List<string> Warnings { get; set; } = [];
        public List<PlanWarning> WarningParts { get; set; } = [];
        public List<RunOrder> Unsent { get; set; } = [];
        public int DecisionCount { get; set; }
        public int UnsentCount { get; set; }

        public static RunPlanSlice Of(RunPlanPreview p, int decisions) => new()
        {
            Id = p.Id, Inputs = p.Inputs, Decisions = p.Decisions.Take(Math.Max(decisions, 0)).ToList(), Skipped = p.Skipped, Warnings = p.Warnings,
            WarningParts = p.WarningParts, DecisionCount = p.DecisionCount,
        };

        public RunPlan ToPlan() => new() { Id = Id, Inputs = Inputs, Decisions = Decisions, Skipped = Skipped, Warnings = Warnings, WarningParts = WarningParts, Unsent = Unsent };
    }

    public static RunDetail Compose(ReplenishmentRun r, RunPlan? plan, IReadOnlyList<RunOrder> orders) => new()
    {
        Id = r.Id, Trigger = r.Trigger, WarehouseId = r.WarehouseId, Scope = r.Scope, DryRun = r.DryRun, Status = r.Status,
        RequestedAt = r.RequestedAt, PlanningStartedAt = r.PlanningStartedAt, PlannedAt = r.PlannedAt, FinishedAt = r.FinishedAt, DispatchedAt = r.DispatchedAt,
        ConfirmBy = r.ConfirmBy, ReadMs = r.ReadMs, PlanMs = r.PlanMs, Error = r.Error, ErrorParts = r.ErrorParts, Inputs = plan?.Inputs, Decisions = plan?.Decisions ?? [],
        Skipped = plan?.Skipped ?? new Dictionary<string, int>(), Warnings = plan?.Warnings ?? [],
        WarningParts = plan?.WarningParts ?? [], Orders = orders,
    };
}
