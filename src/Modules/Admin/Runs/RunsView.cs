using System.Text;
using Hub.Admin.Shell;
using Microsoft.AspNetCore.Http;

namespace Hub.Admin.Runs;

/// <summary>The Runs pages as functions of data to HTML; every value goes through <see cref="Html.E"/>.</summary>
public static class RunsView
{
    /// <summary>
    /// The trigger form, shown only to operators (the endpoint refuses everyone else anyway): the warehouse is chosen by name
    /// from 1C's list; when 1C cannot list its warehouses the form says why and takes a Ref_Key instead.
    /// </summary>
    public static string TriggerForm(HttpContext context, WarehouseList warehouses, string? warehouseId = null, string? error = null)
    {
        var T = AdminText.T;
        var recipients = warehouses.Items.Where(w => !w.IsDonor).ToArray();
        var field = recipients.Length > 0
            ? $"<label>{Html.E(T("Warehouse"))} <select name=\"warehouse_id\">{Html.Option("", T("All warehouses"), warehouseId ?? "")}" +
              $"{string.Concat(recipients.Select(w => Html.Option(w.Key.ToString(), w.Name, warehouseId)))}</select></label>"
            : $"<label>{Html.E(T("Warehouse (1C Ref_Key, empty for all)"))} <input name=\"warehouse_id\" value=\"{Html.E(warehouseId)}\" size=\"38\"></label>" +
              (warehouses.Error is { } why ? $"<span class=\"muted\" id=\"warehouses-unavailable\">{Html.E(why)}</span>" : "");
        return (error is null ? "" : Html.Alert(error)) + $"""
            <form method="post" action="/admin/runs" class="filters" id="trigger">
            {AdminForms.HiddenField(context)}
            {field}
            <label><span><input type="checkbox" name="dry_run" value="true" checked> {Html.E(T("dry run (plan only, send nothing)"))}</span></label>
            <button type="submit">{Html.E(T("Run deficit evaluation"))}</button>
            </form>
            """;
    }

    /// <summary>A run's scope as a person reads it: "all warehouses" or the warehouse's name from 1C, its Ref_Key when 1C does not list it.</summary>
    public static string ScopeName(string scope, WarehouseList? warehouses) =>
        scope == "all" ? AdminText.T("all warehouses")
        : Guid.TryParse(scope, out var key) && warehouses?.NameOf(key) is { } name ? name : scope;

    /// <summary>A real run of an overlapping scope started within the hour: what it was, and a button that runs again anyway.</summary>
    public static string ConfirmRepeat(HttpContext context, string? warehouseId, RunSummary recent) => $"""
        <div class="notice" id="confirm-repeat">
        <p>Run <a href="/admin/runs/{recent.Id}">{Html.E(recent.Id)}</a> (scope {Html.E(recent.Scope)}, {Html.E(recent.Status)}) was started at {Html.E(recent.RequestedAt)}, within the hour.
        What it ordered counts as on its way; a dry run shows what another run would order.</p>
        <form method="post" action="/admin/runs" class="inline">
        {AdminForms.HiddenField(context)}
        <input type="hidden" name="warehouse_id" value="{Html.E(warehouseId)}"><input type="hidden" name="confirm" value="true">
        <button type="submit">Run again anyway</button>
        </form>
        <form method="post" action="/admin/runs" class="inline">
        {AdminForms.HiddenField(context)}
        <input type="hidden" name="warehouse_id" value="{Html.E(warehouseId)}"><input type="hidden" name="dry_run" value="true">
        <button type="submit">Dry run instead</button>
        </form>
        </div>
        """;

    /// <summary>What an operator should act on, above the list; the dashboard shows the same (<see cref="Shell.NeedsAttention"/>).</summary>
    public static string NeedsAttention(IReadOnlyList<ParkedRun> parked, IReadOnlyList<RunSummary> failed, int retrying, IReadOnlyList<RunSummary>? waiting = null) =>
        Shell.NeedsAttention.Render(parked, failed, retrying, waiting);

    /// <summary>
    /// A plan waiting for a person's yes: the shelves it orders more for although goods are on their way to them, each with
    /// its reason, and the two answers (operators only; a viewer sees the question).
    /// </summary>
    public static string AwaitingConfirmation(HttpContext context, RunDetail run, bool canOperate)
    {
        if (run.Status != RunStatus.AwaitingConfirmation) return "";
        var T = AdminText.T;
        var shelves = run.Decisions.Where(d => d.AddsToGoodsOnTheirWay).Take(20)
            .Select(d => $"<li>{Html.E(d.WarehouseName)}: {Html.E(d.CharacteristicName is null ? d.ItemName : $"{d.ItemName} ({d.CharacteristicName})")}, " +
                         $"{Html.E(T("on its way"))} {Html.E(d.OnItsWay)}: {Html.E(d.Reason)}</li>");
        string Form(string action, string label) => $"""
            <form method="post" action="/admin/runs/{run.Id}/{action}" class="inline">{AdminForms.HiddenField(context)}<button type="submit" id="{action}-plan">{Html.E(T(label))}</button></form>
            """;
        return $"""
            <section class="notice" id="awaiting-confirmation">
            <p>{Html.E(string.Format(System.Globalization.CultureInfo.InvariantCulture, T("Nothing is sent yet: this plan orders more for shelves with goods already on their way. Send its orders? Without an answer it sends nothing at {0}."),
                run.ConfirmBy is { } by ? $"{AdminClock.Format(by)} {AdminClock.Label}" : ""))}</p>
            <ul>{string.Concat(shelves)}</ul>
            {(canOperate ? Form("confirm", "Send the orders") + " " + Form("decline", "Do not send") : "")}
            </section>
            """;
    }

    public static string StatusFilter(string? status) => $"""
            <form method="get" action="/admin/runs" class="filters"><label>Status <select name="status">{Html.Option("", "any", status)}{string.Concat(Enum.GetNames<RunStatus>().Select(s => Html.Option(s, s, status)))}</select></label>
            <button type="submit">Show</button></form>
            """;

    public static string List(RunsPage page, string? status, WarehouseList? warehouses = null)
    {
        if (page.Items.Count == 0) return "<div class=\"notice\" id=\"empty\">No runs yet.</div>";
        var rows = new StringBuilder();
        foreach (var r in page.Items)
            rows.Append($"""
                <tr class="run" data-id="{r.Id}"><td><a href="/admin/runs/{r.Id}">{Html.E(r.RequestedAt)}</a></td><td>{Html.E(r.Trigger)}</td><td title="{Html.E(r.Scope)}">{Html.E(ScopeName(r.Scope, warehouses))}</td>
                <td>{(r.DryRun ? "dry run" : "")}</td><td class="status-{Html.E(r.Status)}">{Html.E(r.Status)}</td><td>{Html.E(r.PlannedAt)}</td><td>{Html.E(r.FinishedAt)}</td>
                <td>{r.Deficits}</td><td>{r.Orders}</td><td>{r.Sent}</td><td>{r.Failed}</td><td>{Html.E(r.Error)}</td></tr>
                """);
        var more = page.Next is null ? "" : $"<p><a href=\"/admin/runs?status={Html.Q(status)}&next={Html.Q(page.Next)}\">Older runs</a></p>";
        return $"""
            <table id="runs"><thead><tr><th>Requested ({AdminClock.Label})</th><th>Trigger</th><th>Scope</th><th></th><th>Status</th><th>Planned</th><th>Finished</th>
            <th>Decisions</th><th>Orders</th><th>Sent</th><th>Failed</th><th>Error</th></tr></thead><tbody>{rows}</tbody></table>{more}
            """;
    }

    /// <param name="actions">The buttons beside an order waiting for a retry (an operator's); null shows none.</param>
    public static string Detail(RunPageView view, DeliveryState? state = null, Func<RunOrder, string>? actions = null, WarehouseList? warehouses = null)
    {
        var run = view.Run;
        var fields = new (string, object?)[]
        {
            ("id", run.Id), ("trigger", run.Trigger), ("scope", run.Scope == "all" ? ScopeName(run.Scope, warehouses) : $"{ScopeName(run.Scope, warehouses)} ({run.Scope})"), ("dry run", run.DryRun ? "yes" : "no"), ("status", run.Status),
            ("requested", run.RequestedAt), ("planning started", run.PlanningStartedAt), ("planned", run.PlannedAt), ("dispatched, scope freed", run.DispatchedAt), ("finished", run.FinishedAt),
            ("reading 1C, ms", run.ReadMs), ("planning, ms", run.PlanMs), ("error", run.Error),
            ("read", run.Inputs is { } i ? $"{i.Warehouses} warehouses, {i.Items} items, {i.BalanceRows} balance rows, {i.LevelRows} level rows; donors {string.Join(", ", i.Donors)}" : null),
            ("skipped", run.Skipped.Count == 0 ? null : string.Join(", ", run.Skipped.Select(s => $"{s.Key}: {s.Value}"))),
        };
        var decisions = new StringBuilder();
        foreach (var d in run.Decisions)
            decisions.Append($"<tr><td>{Html.E(d.WarehouseName)}</td><td>{Html.E(d.CharacteristicName is null ? d.ItemName : $"{d.ItemName} ({d.CharacteristicName})")}</td><td>{Html.E(d.Balance)}</td><td>{Html.E(d.Minimum)}</td>" +
                             $"<td>{Html.E(d.Maximum)}</td><td>{Html.E(d.Needed)}</td><td>{Html.E(string.Join(", ", d.FromDonors.Select(a => $"{a.DonorName}: {a.Quantity}")))}</td>" +
                             $"<td>{Html.E(d.ToPurchase)}</td><td>{Html.E(d.Outcome)}</td><td>{Html.E(d.Reason)}</td></tr>");
        var orders = new StringBuilder();
        foreach (var o in run.Orders)
            orders.Append($"<tr><td>{Html.E(o.Kind)}</td><td>{Html.E(o.ExternalSystem)}</td><td>{Html.E(o.DonorName)}</td><td>{Html.E(o.RecipientName)}</td>" +
                          $"<td>{Lines(o)}</td>{(run.DryRun ? "<td class=\"status-dry-run\">not sent (dry run)</td>" : run.Status == RunStatus.AwaitingConfirmation ? "<td class=\"status-unsent\">not sent yet: waiting for a confirmation</td>" : run.Status == RunStatus.Planned ? "<td class=\"status-unsent\">not sent (declined)</td>" : $"<td class=\"status-{Html.E(o.State)}\">{Html.E(o.State)}</td>")}<td>{o.Attempts}</td><td>{Html.E(o.ExternalNumber ?? o.ExternalId)}</td><td>{Html.E(o.Reason)}</td>" +
                          $"<td>{(o.State == DeliveryState.Retrying && actions is not null ? $"{Html.E(o.NextAttemptAt)} " + actions(o) : Html.E(o.NextAttemptAt))}</td>" +
                          $"<td>{(run.OrdersUnsent ? "" : OrderLinks(run.Id, o))}</td></tr>");
        return $"""
            <p><a href="/admin/runs">All runs</a> · <a href="/admin/logs?run_id={run.Id}">Logs of this run</a></p>
            <dl class="fields" id="run">{string.Concat(fields.Select(f => $"<dt>{Html.E(f.Item1)}</dt><dd>{Html.E(f.Item2)}</dd>"))}</dl>
            {(run.Warnings.Count == 0 ? "" : $"<h3>Warnings</h3><ul>{string.Concat(run.Warnings.Select(w => $"<li>{Html.E(w)}</li>"))}</ul>")}
            <h3>Orders ({OrderCounts(view)}{(run.DryRun ? ", planned only: a dry run sends nothing" : "")})</h3>
            {(run.DryRun ? "" : OrderFilter(run.Id, state))}
            {(run.Orders.Count == 0 ? $"<p class=\"muted\">No orders{(state is null ? "" : $" in state {Html.E(state)}")}.</p>" : $"<table id=\"orders\"><thead><tr><th>Kind</th><th>System</th><th>Donor</th><th>Recipient</th><th>Lines</th><th>State</th><th>Attempts</th><th>External</th><th>Reason</th><th>Next attempt ({AdminClock.Label})</th><th></th></tr></thead><tbody>{orders}</tbody></table>")}
            {(view.NextOrders is { } next ? $"<p id=\"orders-next\"><a href=\"/admin/runs/{run.Id}?{(state is null ? "" : $"orders_state={Html.Q(state.ToString())}&amp;")}orders_after={Html.Q(next)}\">Next {run.Orders.Count} orders</a></p>" : "")}
            <h3>Decisions ({view.DecisionCount})</h3>
            {(view.DecisionCount > run.Decisions.Count ? $"<p class=\"muted\" id=\"decisions-more\">The first {run.Decisions.Count} of {view.DecisionCount} are shown; every decision with its reason is in <a href=\"/api/v1/runs/{run.Id}\">the run's API</a>.</p>" : "")}
            {(run.Decisions.Count == 0 ? "<p class=\"muted\">No decisions.</p>" : $"<table id=\"decisions\"><thead><tr><th>Warehouse</th><th>Item</th><th>Balance</th><th>Minimum</th><th>Maximum</th><th>Needed</th><th>From donors</th><th>To purchase</th><th>Outcome</th><th>Reason</th></tr></thead><tbody>{decisions}</tbody></table>")}
            """;
    }

    /// <summary>An order's lines, folded: the count, and each item with its characteristic and quantity once opened (the first 100).</summary>
    private static string Lines(RunOrder o)
    {
        var lines = o.Lines.Take(100).Select(l => $"<li>{Html.E(l.CharacteristicName is null ? l.ItemName : $"{l.ItemName} ({l.CharacteristicName})")}: {Html.E(l.Quantity)} {Html.E(l.Unit)}</li>");
        var more = o.Lines.Count > 100 ? $"<li class=\"muted\">… {o.Lines.Count - 100} more in the run's API</li>" : "";
        return $"<details class=\"lines\"><summary>{o.Lines.Count}</summary><ul>{string.Concat(lines)}{more}</ul></details>";
    }

    /// <summary>Where an order's story goes on: its logs (every call it made, under its id), and for a parked one the Outbox.</summary>
    private static string OrderLinks(Guid runId, RunOrder o) =>
        $"<a href=\"/admin/logs?request_id={o.Id}\">{Html.E(AdminText.T("logs"))}</a>" +
        (o.State == DeliveryState.Parked ? $" · <a href=\"/admin/outbox?run_id={runId}\">{Html.E(AdminText.T("Outbox"))}</a>" : "");

    private static string OrderCounts(RunPageView view)
    {
        var c = view.OrderCounts;
        return view.Run.DryRun || c.Total == 0 ? $"{c.Total}" : $"{c.Total}: {c.Sent} sent, {c.Open} open, {c.Failed} failed";
    }

    /// <summary>Links that show only the orders in one state: the parked ones first, as they need an operator.</summary>
    private static string OrderFilter(Guid runId, DeliveryState? state)
    {
        string Link(string label, DeliveryState? s) => s == state
            ? $"<strong>{Html.E(label)}</strong>"
            : $"<a href=\"/admin/runs/{runId}{(s is null ? "" : $"?orders_state={Html.Q(s.ToString())}")}\">{Html.E(label)}</a>";
        DeliveryState[] order = [DeliveryState.Parked, DeliveryState.Retrying, DeliveryState.Queued, DeliveryState.Replayed, DeliveryState.Sent, DeliveryState.Discarded];
        return $"<p class=\"filters\" id=\"orders-filter\">{Link("all", null)} · {string.Join(" · ", order.Select(s => Link(s.ToString().ToLowerInvariant(), s)))}</p>";
    }

    /// <summary>
    /// The timeline's own region: the events when they were read (the whole page), else loaded as soon as the page shows
    /// (htmx); refreshed every 5 s while the run is active, only on its first page.
    /// </summary>
    public static string TimelineSection(RunDetail run, TimelinePage? timeline, long after = 0)
    {
        var url = $"/admin/runs/{run.Id}/timeline{(after > 0 ? $"?after={after}" : "")}";
        var trigger = timeline is null ? "load" : run.IsActive && after == 0 ? "every 5s" : null;
        var attributes = trigger is null ? "" : $" hx-get=\"{Html.E(url)}\" hx-trigger=\"{trigger}\" hx-swap=\"outerHTML\"";
        var body = timeline is null ? $"<h3>Timeline</h3><p class=\"muted\"><a href=\"{Html.E(url)}\">The run's events, in order</a></p>" : Timeline(run.Id, timeline, after);
        return $"<section id=\"run-timeline\"{attributes}>{body}</section>";
    }

    /// <summary>The run's events and its orders', oldest first, a page at a time.</summary>
    public static string Timeline(Guid runId, TimelinePage? timeline, long after = 0)
    {
        if (timeline is null) return "";
        var rows = new StringBuilder();
        foreach (var e in timeline.Items)
            rows.Append($"<tr><td>{Html.E(e.At)}</td><td class=\"event-{Html.E(e.Event)}\">{Html.E(e.Event)}</td><td>{Html.E(e.OrderId)}</td><td>{Html.E(e.Text)}</td></tr>");
        var more = timeline.Next is { } next
            ? $"<p class=\"muted\" id=\"timeline-next\"><a href=\"/admin/runs/{runId}/timeline?after={next}\">The next events</a> · <a href=\"/api/v1/runs/{runId}/timeline?after={next}\">in the API</a></p>"
            : "";
        return $"""
            <h3>Timeline ({timeline.Items.Count}{(timeline.Next is null ? "" : "+")})</h3>
            <table id="timeline"><thead><tr><th>Time</th><th>Event</th><th>Order</th><th>What happened</th></tr></thead><tbody>{rows}</tbody></table>{more}
            """;
    }
}
