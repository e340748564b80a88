using FastEndpoints;
using Hub.Admin.Shell;
using Hub.Contracts.Security;
using Microsoft.AspNetCore.Http;

namespace Hub.Admin.Runs;

/// <summary>GET /admin/runs: newest runs first, and the trigger form for operators. The list region refreshes itself so a run's progress shows.</summary>
public sealed class RunsPageEndpoint(IRuns runs, IOutbox outbox, TimeProvider clock) : EndpointWithoutRequest
{
    public override void Configure()
    {
        Get("/admin/runs");
        Group<AdminPages>();
        Roles(HubRoles.Viewer);
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var status = Query<string>("status", false) is { Length: > 0 } s && Enum.TryParse<RunStatus>(s, true, out var parsed) ? parsed : (RunStatus?)null;
        var next = Query<string>("next", false);
        string list;
        var warehouses = new WarehouseList([], null);
        try
        {
            // What needs an operator leads, on the first page; it refreshes with the list.
            var attention = next is not null ? "" : RunsView.NeedsAttention(await outbox.ParkedRunsAsync(10, ct),
                await runs.FailedSinceAsync(clock.GetUtcNow().AddDays(-1), 10, ct), await outbox.CountRetryingAsync(ct),
                (await runs.ListAsync(RunStatus.AwaitingConfirmation, 10, null, ct)).Items);
            warehouses = await runs.WarehousesAsync(ct);
            list = attention + RunsView.List(await runs.ListAsync(status, 50, next, ct), status?.ToString(), warehouses);
        }
        catch (Exception ex) when (AdminResponse.IsDatabaseDown(ex))
        {
            list = AdminResponse.DatabaseDown(ex);
        }
        var query = HttpContext.Request.QueryString.Value ?? "";
        // The operator has looked: the navigation's failed-runs badge counts from now on (its own 5 s refresh does not count).
        if (!AdminResponse.IsHtmx(HttpContext)) Badges.MarkRunsSeen(HttpContext, clock);
        await AdminResponse.PageOrFragmentAsync(HttpContext, "Runs", list, () =>
            (AdminUser.CanOperate(User) ? RunsView.TriggerForm(HttpContext, warehouses) : "") + RunsView.StatusFilter(status?.ToString()) +
            $"<div id=\"run-list\" hx-get=\"/admin/runs{Html.E(query)}\" hx-trigger=\"every 5s\" hx-swap=\"innerHTML\">{list}</div>", ct);
    }
}

/// <summary>POST /admin/runs: the "Run deficit evaluation" form; operators only, answered with the new run's page.</summary>
public sealed class TriggerRunEndpoint(IRuns runs) : EndpointWithoutRequest
{
    public override void Configure()
    {
        Post("/admin/runs");
        Group<AdminPages>();
        Roles(HubRoles.Operator);
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var form = await AdminForms.ReadAsync(HttpContext, ct);
        if (form is null) return;
        var warehouseText = form["warehouse_id"].ToString().Trim();
        Guid? warehouse = null;
        if (warehouseText.Length > 0)
        {
            if (!Guid.TryParse(warehouseText, out var id))
            {
                await Refuse(warehouseText, AdminText.T("warehouse_id must be a warehouse's Ref_Key (a UUID) from 1C, or empty for every warehouse."), ct);
                return;
            }
            warehouse = id;
        }
        var dryRun = form["dry_run"].ToString() is "true" or "on";
        var confirmed = form["confirm"].ToString() is "true";
        var outcome = await runs.StartAsync(RunTrigger.Admin, warehouse, dryRun, ct, confirmed);
        if (outcome.RaceLost)
        {
            await Refuse(warehouseText, AdminText.T("Another run for this scope was started a moment ago."), ct);
            return;
        }
        if (outcome.Conflict is { } running)
        {
            var warehouses = await runs.WarehousesAsync(ct);
            await Refuse(warehouseText, running.Status == RunStatus.AwaitingConfirmation
                ? Format(AdminText.T("Run {0} ({1}) waits for its plan to be confirmed or declined on its page; it holds its scope until then."), running.Id, RunsView.ScopeName(running.Scope, warehouses))
                : Format(AdminText.T("Run {0} ({1}, {2}) is still in progress; wait for it to finish."), running.Id, RunsView.ScopeName(running.Scope, warehouses), Shown.Status(running.Status)),
                ct, StatusCodes.Status409Conflict);
            return;
        }
        if (outcome.Recent is { } recent)
        {
            // Asked, not assumed: the same scope again within the hour is most often a second click.
            await AdminResponse.PageAsync(HttpContext, "Runs", RunsView.ConfirmRepeat(HttpContext, warehouseText, recent, await runs.WarehousesAsync(ct)) +
                $"<p><a href=\"/admin/runs\">{Shown.W("All runs")}</a></p>", ct,
                StatusCodes.Status409Conflict);
            return;
        }
        await Send.RedirectAsync($"/admin/runs/{outcome.StartedRunId}");
    }

    private async Task Refuse(string warehouse, string message, CancellationToken ct, int status = StatusCodes.Status400BadRequest) =>
        await AdminResponse.PageAsync(HttpContext, "Runs", RunsView.TriggerForm(HttpContext, await runs.WarehousesAsync(ct), warehouse, message) +
            $"<p><a href=\"/admin/runs\">{Shown.W("All runs")}</a></p>", ct, status);

    private static string Format(string sentence, params object?[] values) => string.Format(System.Globalization.CultureInfo.InvariantCulture, sentence, values);
}

/// <summary>
/// GET /admin/runs/{id}: one run with a page of its orders (all, or those in one state), its first decisions and its
/// timeline; refreshes itself while the run is active, keeping the page and filter it shows.
/// </summary>
public sealed class RunPageEndpoint(IRuns runs) : EndpointWithoutRequest
{
    public const int OrdersPerPage = 100;
    public const int DecisionsShown = 200;

    public static string NoRun(Guid id) => string.Format(System.Globalization.CultureInfo.InvariantCulture, AdminText.T("No run has id {0}."), id);

    public override void Configure()
    {
        Get("/admin/runs/{id:guid}");
        Group<AdminPages>();
        Roles(HubRoles.Viewer);
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var id = Route<Guid>("id");
        var problems = new List<string>();
        DeliveryState? state = null;
        if (Query<string>("orders_state", false) is { Length: > 0 } s)
        {
            if (Enum.TryParse<DeliveryState>(s, true, out var parsed) && Enum.IsDefined(parsed)) state = parsed;
            else problems.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture, AdminText.T("orders_state must be one of {0}; all orders are shown."), string.Join(", ", Enum.GetNames<DeliveryState>())));
        }
        Guid? after = null;
        if (Query<string>("orders_after", false) is { Length: > 0 } a)
        {
            if (Guid.TryParse(a, out var g)) after = g;
            else problems.Add(AdminText.T("orders_after must be the id of an order on the previous page; the first page is shown."));
        }
        var query = new RunPageQuery(state, after, OrdersPerPage, DecisionsShown);
        var view = await AdminResponse.LoadOneAsync(HttpContext, () => runs.PageAsync(id, query, ct), NoRun(id), ct);
        if (view is null) return;
        Func<RunOrder, string>? actions = AdminUser.CanOperate(User) ? o => Outbox.RetryingOrderActions.Forms(HttpContext, o.Id, view.Run.Id) : null;
        var detail = (problems.Count == 0 ? "" : Html.Alert(problems)) + RunsView.AwaitingConfirmation(HttpContext, view.Run, AdminUser.CanOperate(User)) +
                     RunsView.Detail(view, state, actions, view.Run.WarehouseId is null ? null : await runs.WarehousesAsync(ct));
        // The poll keeps the orders' page and filter, not the outcome of the last action.
        var kept = QueryString.Create(HttpContext.Request.Query.Where(q => q.Key != "order_done").SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v))));
        var self = $"/admin/runs/{view.Run.Id}{kept}";
        var poll = view.Run.IsActive ? $" hx-get=\"{Html.E(self)}\" hx-trigger=\"every 2s\" hx-swap=\"outerHTML\"" : "";
        var region = $"<div id=\"run-detail\"{poll}>{detail}</div>";
        // The poll asks for the region alone. The timeline, the costly part of a large run, loads on its own as soon as the
        // page shows and refreshes more slowly; without scripts its link opens it.
        var notice = Outbox.RetryingOrderActions.Notice(Query<string>("order_done", false));
        await AdminResponse.PageOrFragmentAsync(HttpContext, string.Format(System.Globalization.CultureInfo.InvariantCulture, AdminText.T("Run {0}"), view.Run.Id), region, () => notice + region + RunsView.TimelineSection(view.Run, null), ct);
    }
}

/// <summary>
/// GET /admin/runs/{id}/timeline: the run's timeline a page at a time (after the sequence <c>after</c>); the run page's
/// timeline refreshes itself from here while the run is active.
/// </summary>
public sealed class RunTimelineEndpoint(IRuns runs) : EndpointWithoutRequest
{
    public const int PageSize = 200;

    public override void Configure()
    {
        Get("/admin/runs/{id:guid}/timeline");
        Group<AdminPages>();
        Roles(HubRoles.Viewer);
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var id = Route<Guid>("id");
        var raw = Query<string>("after", false);
        long after = 0;
        if (raw is { Length: > 0 } && (!long.TryParse(raw, out after) || after < 0))
        {
            await AdminResponse.ErrorAsync(HttpContext, StatusCodes.Status400BadRequest, AdminText.T("after must be the sequence a previous page of the timeline ended with."), ct);
            return;
        }
        var run = await AdminResponse.LoadOneAsync(HttpContext, () => runs.PageAsync(id, new RunPageQuery(Orders: 0, Decisions: 0), ct), RunPageEndpoint.NoRun(id), ct);
        if (run is null) return;
        var timeline = await runs.TimelineAsync(id, after, PageSize, ct);
        var section = RunsView.TimelineSection(run.Run, timeline, after);
        await AdminResponse.PageOrFragmentAsync(HttpContext, string.Format(System.Globalization.CultureInfo.InvariantCulture, AdminText.T("Run {0}: timeline"), id), section,
            () => $"<p><a href=\"/admin/runs/{id}\">{Shown.W("The run")}</a></p>{section}", ct);
    }
}

/// <summary>POST /admin/runs/{id}/confirm|decline: the answer to a plan waiting for a confirmation; operators only, back to the run's page.</summary>
public sealed class AnswerRunPageEndpoint(IRuns runs) : EndpointWithoutRequest
{
    public override void Configure()
    {
        Post("/admin/runs/{id:guid}/confirm", "/admin/runs/{id:guid}/decline");
        Group<AdminPages>();
        Roles(HubRoles.Operator);
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var form = await AdminForms.ReadAsync(HttpContext, ct);
        if (form is null) return;
        var id = Route<Guid>("id");
        var answer = await runs.AnswerAsync(id, HttpContext.Request.Path.Value!.EndsWith("/confirm", StringComparison.Ordinal), User.Identity?.Name ?? "an operator", ct);
        if (answer.Outcome == "NotFound")
        {
            await AdminResponse.ErrorAsync(HttpContext, StatusCodes.Status404NotFound, RunPageEndpoint.NoRun(id), ct);
            return;
        }
        // The run's page shows what became of it (its status and timeline); a late second answer changed nothing.
        await Send.RedirectAsync($"/admin/runs/{id}");
    }
}
