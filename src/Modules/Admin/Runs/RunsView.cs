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
              (warehouses.Error is { } why ? $"<span class=\"muted\" id=\"warehouses-unavailable\">{Unavailable(warehouses, why)}</span>" : "");
        return (error is null ? "" : Html.Alert(error)) + $"""
            <form method="post" action="/admin/runs" class="filters" id="trigger">
            {AdminForms.HiddenField(context)}
            {field}
            <label><span><input type="checkbox" name="dry_run" value="true" checked> {Html.E(T("dry run (plan only, send nothing)"))}</span></label>
            <button type="submit">{Html.E(T("Run deficit evaluation"))}</button>
            </form>
            """;
    }

    /// <summary>Why 1C's warehouses are not offered, in the reader's language where the list says why in parts; encoded.</summary>
    private static string Unavailable(WarehouseList warehouses, string error) => warehouses switch
    {
        { WaitedSeconds: { } s } => Shown.Say("1C did not list its warehouses within {0} s", s),
        { Cause: { } cause } => Shown.Say("1C's warehouses could not be read: {0}", cause),
        _ => Html.E(error),
    };

    /// <summary>A run's scope as a person reads it: "all warehouses" or the warehouse's name from 1C, its Ref_Key when 1C does not list it.</summary>
    public static string ScopeName(string scope, WarehouseList? warehouses) =>
        scope == "all" ? AdminText.T("all warehouses")
        : Guid.TryParse(scope, out var key) && warehouses?.NameOf(key) is { } name ? name : scope;

    /// <summary>A real run of an overlapping scope started within the hour: what it was, and a button that runs again anyway.</summary>
    public static string ConfirmRepeat(HttpContext context, string? warehouseId, RunSummary recent, WarehouseList? warehouses = null) => $"""
        <div class="notice" id="confirm-repeat">
        <p>{Shown.SayHtml("Run {0} ({1}, {2}) was started at {3}, within the hour.", $"<a href=\"/admin/runs/{recent.Id}\">{Html.E(recent.Id)}</a>",
            Html.E(ScopeName(recent.Scope, warehouses)), Html.E(Shown.Status(recent.Status)), $"{Shown.At(recent.RequestedAt)} {Html.E(AdminClock.Label)}")}
        {Shown.W("What it ordered counts as on its way; a dry run shows what another run would order.")}</p>
        <form method="post" action="/admin/runs" class="inline">
        {AdminForms.HiddenField(context)}
        <input type="hidden" name="warehouse_id" value="{Html.E(warehouseId)}"><input type="hidden" name="confirm" value="true">
        <button type="submit">{Shown.W("Run again anyway")}</button>
        </form>
        <form method="post" action="/admin/runs" class="inline">
        {AdminForms.HiddenField(context)}
        <input type="hidden" name="warehouse_id" value="{Html.E(warehouseId)}"><input type="hidden" name="dry_run" value="true">
        <button type="submit">{Shown.W("Dry run instead")}</button>
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
                         $"{Html.E(T("on its way"))} {Shown.N(d.OnItsWay)}: {DecisionReasons.Render(d)}</li>");
        string Form(string action, string label) => $"""
            <form method="post" action="/admin/runs/{run.Id}/{action}" class="inline">{AdminForms.HiddenField(context)}<button type="submit" id="{action}-plan">{Html.E(T(label))}</button></form>
            """;
        return $"""
            <section class="notice" id="awaiting-confirmation">
            <p>{Html.E(string.Format(System.Globalization.CultureInfo.InvariantCulture, T("Nothing is sent yet: this plan orders more for shelves with goods already on their way. Send its orders? Without an answer it sends nothing at {0}."),
                run.ConfirmBy is { } by ? $"{Shown.Text(by)} {AdminClock.Label}" : ""))}</p>
            <ul>{string.Concat(shelves)}</ul>
            {(canOperate ? Form("confirm", "Send the orders") + " " + Form("decline", "Do not send") : "")}
            </section>
            """;
    }

    public static string StatusFilter(string? status) => $"""
            <form method="get" action="/admin/runs" class="filters"><label>{Shown.W("Status")} <select name="status">{Html.Option("", AdminText.T("any"), status)}{string.Concat(Enum.GetValues<RunStatus>().Select(s => Html.Option(s.ToString(), Shown.Status(s), status)))}</select></label>
            <button type="submit">{Shown.W("Show")}</button></form>
            """;

    public static string List(RunsPage page, string? status, WarehouseList? warehouses = null)
    {
        if (page.Items.Count == 0) return $"<div class=\"notice\" id=\"empty\">{Shown.W("No runs yet.")}</div>";
        var rows = new StringBuilder();
        foreach (var r in page.Items)
            rows.Append($"""
                <tr class="run" data-id="{r.Id}"><td><a href="/admin/runs/{r.Id}">{Shown.At(r.RequestedAt)}</a></td><td data-trigger="{Html.E(r.Trigger)}">{Html.E(Shown.Trigger(r.Trigger))}</td><td{(r.Scope == "all" ? "" : $" title=\"{Html.E(r.Scope)}\"")}>{Html.E(ScopeName(r.Scope, warehouses))}</td>
                <td>{(r.DryRun ? Shown.W("dry run") : "")}</td><td class="status-{Html.E(r.Status)}" data-status="{Html.E(r.Status)}">{Html.E(Shown.Status(r.Status))}</td><td>{Shown.At(r.PlannedAt)}</td><td>{Shown.At(r.FinishedAt)}</td>
                <td class="num">{Shown.N(r.Deficits)}</td><td class="num">{Shown.N(r.Orders)}</td><td class="num">{Shown.N(r.Sent)}</td><td class="num">{Shown.N(r.Failed)}</td><td>{RunErrors.Render(r.ErrorParts, r.Error)}</td></tr>
                """);
        var more = page.Next is null ? "" : $"<p><a href=\"/admin/runs?status={Html.Q(status)}&next={Html.Q(page.Next)}\">{Shown.W("Older runs")}</a></p>";
        return $"""
            <table id="runs"><thead><tr><th>{Shown.Say("Requested ({0})", AdminClock.Label)}</th><th>{Shown.W("Trigger")}</th><th>{Shown.W("Scope")}</th><th></th><th>{Shown.W("Status")}</th><th>{Shown.W("Planned at")}</th><th>{Shown.W("Finished")}</th>
            <th class="num">{Shown.W("Decisions")}</th><th class="num">{Shown.W("Orders")}</th><th class="num">{Shown.W("Sent")}</th><th class="num">{Shown.W("Undelivered")}</th><th>{Shown.W("Error")}</th></tr></thead><tbody>{rows}</tbody></table>{more}
            """;
    }

    /// <param name="actions">The buttons beside an order waiting for a retry (an operator's); null shows none.</param>
    public static string Detail(RunPageView view, DeliveryState? state = null, Func<RunOrder, string>? actions = null, WarehouseList? warehouses = null)
    {
        var T = AdminText.T;
        var run = view.Run;
        string When(DateTimeOffset? at) => at is null ? "" : $"{Shown.At(at)} {Html.E(AdminClock.Label)}";
        // Each value is encoded (or built of encoded parts) here; an empty one is left out.
        var fields = new (string Label, string Value)[]
        {
            ("Run id", Html.E(run.Id)), ("Trigger", Html.E(Shown.Trigger(run.Trigger))),
            ("Scope", Html.E(run.Scope == "all" ? ScopeName(run.Scope, warehouses) : $"{ScopeName(run.Scope, warehouses)} ({run.Scope})")),
            ("Dry run", Shown.W(run.DryRun ? "yes" : "no")), ("Status", $"<span data-status=\"{Html.E(run.Status)}\">{Html.E(Shown.Status(run.Status))}</span>"),
            ("Requested", When(run.RequestedAt)), ("Planning started", When(run.PlanningStartedAt)), ("Planned at", When(run.PlannedAt)),
            ("Dispatched, scope freed", When(run.DispatchedAt)), ("Finished", When(run.FinishedAt)),
            ("Reading 1C, ms", Shown.N(run.ReadMs)), ("Planning, ms", Shown.N(run.PlanMs)), ("Error", RunErrors.Render(run.ErrorParts, run.Error)),
            ("Read", run.Inputs is { } i ? Shown.SayHtml("{0} warehouses, {1} items, {2} balance rows, {3} level rows; donors: {4}", Shown.N(i.Warehouses), Shown.N(i.Items),
                Shown.N(i.BalanceRows), Shown.N(i.LevelRows), Html.E(i.Donors.Count == 0 ? "—" : string.Join(", ", i.Donors))) : ""),
            ("Skipped (not ordered)", string.Join("; ", run.Skipped.Select(s => $"{Html.E(T(s.Key))}: {Shown.N(s.Value)}"))),
        };
        var decisions = new StringBuilder();
        foreach (var d in run.Decisions)
            decisions.Append($"<tr><td>{Html.E(d.WarehouseName)}</td><td>{Html.E(d.CharacteristicName is null ? d.ItemName : $"{d.ItemName} ({d.CharacteristicName})")}</td><td class=\"num\">{Shown.N(d.Balance)}</td><td class=\"num\">{Shown.N(d.Minimum)}</td>" +
                             $"<td class=\"num\">{Shown.N(d.Maximum)}</td><td class=\"num\">{Shown.N(d.Needed)}</td><td>{string.Join(", ", d.FromDonors.Select(a => $"{Html.E(a.DonorName)}: {Shown.N(a.Quantity)}"))}</td>" +
                             $"<td class=\"num\">{Shown.N(d.ToPurchase)}</td><td data-outcome=\"{Html.E(d.Outcome)}\">{Html.E(Shown.Outcome(d.Outcome))}</td><td>{DecisionReasons.Render(d)}</td></tr>");
        var orders = new StringBuilder();
        foreach (var o in run.Orders)
            orders.Append($"<tr><td>{Html.E(Shown.Kind(o.Kind))}</td><td>{Html.E(Shown.System(o.ExternalSystem))}</td><td>{Html.E(o.DonorName)}</td><td>{Html.E(o.RecipientName)}</td>" +
                          $"<td>{Lines(o)}</td>{(run.DryRun ? $"<td class=\"status-dry-run\">{Shown.W("not sent (dry run)")}</td>" : run.Status == RunStatus.AwaitingConfirmation ? $"<td class=\"status-unsent\">{Shown.W("not sent yet: waiting for a confirmation")}</td>" : run.Status == RunStatus.Planned ? $"<td class=\"status-unsent\">{Shown.W("not sent (declined)")}</td>" : $"<td class=\"status-{Html.E(o.State)}\">{Html.E(Shown.State(o.State))}</td>")}<td class=\"num\">{Shown.N(o.Attempts)}</td><td>{Html.E(o.ExternalNumber ?? o.ExternalId)}</td><td>{Hub.Admin.Outbox.OrderReasons.Render(o.ReasonParts, o.Reason)}</td>" +
                          $"<td>{(o.State == DeliveryState.Retrying && actions is not null ? $"{Shown.At(o.NextAttemptAt)} " + actions(o) : Shown.At(o.NextAttemptAt))}</td>" +
                          $"<td>{(run.OrdersUnsent ? "" : OrderLinks(run.Id, o))}</td></tr>");
        var nextOrders = view.NextOrders is { } next
            ? $"<p id=\"orders-next\"><a href=\"/admin/runs/{run.Id}?{(state is null ? "" : $"orders_state={Html.Q(state.ToString())}&amp;")}orders_after={Html.Q(next)}\">{Shown.Say("Next {0} orders", run.Orders.Count)}</a></p>"
            : "";
        var noOrders = state is null ? Shown.W("No orders.") : Shown.Say("No orders in the state “{0}”.", Shown.State(state.Value));
        return $"""
            <p><a href="/admin/runs">{Shown.W("All runs")}</a> · <a href="/admin/logs?run_id={run.Id}">{Shown.W("Logs of this run")}</a></p>
            <dl class="fields" id="run">{string.Concat(fields.Where(f => f.Value.Length > 0).Select(f => $"<dt>{Shown.W(f.Label)}</dt><dd>{f.Value}</dd>"))}</dl>
            {(run.Warnings.Count == 0 ? "" : $"<h3>{Shown.W("Warnings")}</h3><ul>{string.Concat(PlanWarnings.Render(run).Select(w => $"<li>{w}</li>"))}</ul>")}
            <h3>{Shown.W("Orders")} ({OrderCounts(view)}{(run.DryRun ? Shown.W(", planned only: a dry run sends nothing") : "")})</h3>
            {(run.DryRun ? "" : OrderFilter(run.Id, state))}
            {(run.Orders.Count == 0 ? $"<p class=\"muted\">{noOrders}</p>" : $"<table id=\"orders\"><thead><tr><th>{Shown.W("Kind")}</th><th>{Shown.W("System")}</th><th>{Shown.W("Donor")}</th><th>{Shown.W("Recipient")}</th><th>{Shown.W("Lines")}</th><th>{Shown.W("State")}</th><th class=\"num\">{Shown.W("Attempts")}</th><th>{Shown.W("External number")}</th><th>{Shown.W("Reason")}</th><th>{Shown.Say("Next attempt ({0})", AdminClock.Label)}</th><th></th></tr></thead><tbody>{orders}</tbody></table>")}
            {nextOrders}
            <h3>{Shown.W("Decisions")} ({Shown.N(view.DecisionCount)})</h3>
            {(view.DecisionCount > run.Decisions.Count ? $"<p class=\"muted\" id=\"decisions-more\">{Shown.SayHtml("The first {0} of {1} are shown; every decision with its reason is in {2}.", Shown.N(run.Decisions.Count), Shown.N(view.DecisionCount), $"<a href=\"/api/v1/runs/{run.Id}\">{Shown.W("the run's API")}</a>")}</p>" : "")}
            {(run.Decisions.Count == 0 ? $"<p class=\"muted\">{Shown.W("No decisions.")}</p>" : $"<table id=\"decisions\"><thead><tr><th>{Shown.W("Warehouse")}</th><th>{Shown.W("Item")}</th><th class=\"num\">{Shown.W("Balance")}</th><th class=\"num\">{Shown.W("Minimum")}</th><th class=\"num\">{Shown.W("Maximum")}</th><th class=\"num\">{Shown.W("Needed")}</th><th>{Shown.W("From donors")}</th><th class=\"num\">{Shown.W("To purchase")}</th><th>{Shown.W("Decision outcome")}</th><th>{Shown.W("Reason")}</th></tr></thead><tbody>{decisions}</tbody></table>")}
            """;
    }

    /// <summary>An order's lines, folded: the count, and each item with its characteristic and quantity once opened (the first 100).</summary>
    private static string Lines(RunOrder o)
    {
        var lines = o.Lines.Take(100).Select(l => $"<li>{Html.E(l.CharacteristicName is null ? l.ItemName : $"{l.ItemName} ({l.CharacteristicName})")}: {Shown.N(l.Quantity)} {Html.E(l.Unit)}</li>");
        var more = o.Lines.Count > 100 ? $"<li class=\"muted\">{Shown.Say("… {0} more in the run's API", o.Lines.Count - 100)}</li>" : "";
        return $"<details class=\"lines\"><summary>{Shown.N(o.Lines.Count)}</summary><ul>{string.Concat(lines)}{more}</ul></details>";
    }

    /// <summary>Where an order's story goes on: its logs (every call it made, under its id), and for a parked one the Outbox.</summary>
    private static string OrderLinks(Guid runId, RunOrder o) =>
        $"<a href=\"/admin/logs?request_id={o.Id}\">{Html.E(AdminText.T("logs"))}</a>" +
        (o.State == DeliveryState.Parked ? $" · <a href=\"/admin/outbox?run_id={runId}\">{Html.E(AdminText.T("Outbox"))}</a>" : "");

    private static string OrderCounts(RunPageView view)
    {
        var c = view.OrderCounts;
        return view.Run.DryRun || c.Total == 0 ? Shown.N(c.Total) : Shown.SayHtml("{0}: {1} sent, {2} open, {3} failed", Shown.N(c.Total), Shown.N(c.Sent), Shown.N(c.Open), Shown.N(c.Failed));
    }

    /// <summary>Links that show only the orders in one state: the parked ones first, as they need an operator.</summary>
    private static string OrderFilter(Guid runId, DeliveryState? state)
    {
        string Link(string label, DeliveryState? s) => s == state
            ? $"<strong>{Html.E(label)}</strong>"
            : $"<a href=\"/admin/runs/{runId}{(s is null ? "" : $"?orders_state={Html.Q(s.ToString())}")}\">{Html.E(label)}</a>";
        DeliveryState[] order = [DeliveryState.Parked, DeliveryState.Retrying, DeliveryState.Queued, DeliveryState.Replayed, DeliveryState.Sent, DeliveryState.Discarded];
        return $"<p class=\"filters\" id=\"orders-filter\">{Link(AdminText.T("all"), null)} · {string.Join(" · ", order.Select(s => Link(Shown.State(s), s)))}</p>";
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
        var body = timeline is null ? $"<h3>{Shown.W("Timeline")}</h3><p class=\"muted\"><a href=\"{Html.E(url)}\">{Shown.W("The run's events, in order")}</a></p>" : Timeline(run.Id, timeline, after);
        return $"<section id=\"run-timeline\"{attributes}>{body}</section>";
    }

    /// <summary>The run's events and its orders', oldest first, a page at a time.</summary>
    public static string Timeline(Guid runId, TimelinePage? timeline, long after = 0)
    {
        if (timeline is null) return "";
        var rows = new StringBuilder();
        foreach (var e in timeline.Items)
            rows.Append($"<tr><td>{Shown.At(e.At)}</td><td class=\"event-{Html.E(e.Event)}\">{Html.E(EventName(e.Event))}</td><td>{Html.E(e.OrderId)}</td><td>{TimelineLines.Render(e)}</td></tr>");
        var more = timeline.Next is { } next
            ? $"<p class=\"muted\" id=\"timeline-next\"><a href=\"/admin/runs/{runId}/timeline?after={next}\">{Shown.W("The next events")}</a> · <a href=\"/api/v1/runs/{runId}/timeline?after={next}\">{Shown.W("in the API")}</a></p>"
            : "";
        return $"""
            <h3>{Shown.W("Timeline")} ({Shown.N(timeline.Items.Count)}{(timeline.Next is null ? "" : "+")})</h3>
            <table id="timeline"><thead><tr><th>{Shown.Say("Time ({0})", AdminClock.Label)}</th><th>{Shown.W("Event")}</th><th>{Shown.W("Order")}</th><th>{Shown.W("What happened")}</th></tr></thead><tbody>{rows}</tbody></table>{more}
            """;
    }

    /// <summary>A timeline event's kind as a person says it; the kind itself stays in the cell's class.</summary>
    private static string EventName(string kind) => AdminText.T(kind switch
    {
        "requested" => "requested",
        "planning_started" => "planning started",
        "planned" => "planned",
        "dispatched" => "dispatched",
        "failed" => "failed",
        "finished" => "finished",
        "awaiting_confirmation" => "awaiting confirmation",
        "confirmed" => "confirmed",
        "declined" => "declined",
        "reopened" => "reopened",
        "order_queued" => "order queued",
        "order_retrying" => "order retrying",
        "order_sent" => "order sent",
        "order_parked" => "order parked",
        "order_replayed" => "order replayed",
        "order_discarded" => "order discarded",
        "order_shipped" => "order shipped",
        "order_sent_now" => "order sent now",
        "order_cancelled" => "order cancelled",
        _ => kind,
    });
}
