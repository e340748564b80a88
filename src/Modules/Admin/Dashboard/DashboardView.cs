using System.Text;
using Hub.Admin.Shell;
using Hub.Admin.Stats;

namespace Hub.Admin.Dashboard;

/// <summary>
/// The dashboard as functions of data to HTML; every value goes through <see cref="Html.E"/>, every word through
/// <see cref="AdminText.T"/>, numbers and times in the reader's format and the pages' zone (<see cref="PageFormat"/>).
/// </summary>
public static class DashboardView
{
    public const int PollSeconds = 30;

    private static string T(string key) => AdminText.T(key);
    private static string F(string key, params object[] values) => PageFormat.F(key, values);
    private static string N(long value) => Html.E(PageFormat.Number(value));

    /// <summary>The region that refreshes itself: htmx asks /admin for its inside every 30 s.</summary>
    public static string Live(string inner) =>
        $"<div id=\"dashboard\" hx-get=\"/admin\" hx-trigger=\"every {PollSeconds}s\" hx-swap=\"innerHTML\">{inner}</div>";

    public static string Body(DashboardData d)
    {
        var html = new StringBuilder();
        html.Append($"<p class=\"muted\" id=\"as-of\">{Html.E(F("as of {0}, refreshed every {1} s", PageFormat.TimeWithZone(d.Now), PollSeconds))}</p>");
        if (d.Days.Sum(x => x.Total) == 0 && d.Latest.Count == 0 && d.Parked == 0 && d.Retrying == 0)
            html.Append($"<div class=\"notice\" id=\"nothing-yet\">{Html.E(T("Nothing has happened yet: no run was started and no order is waiting."))} " +
                        $"<a href=\"/admin/runs\">{Html.E(T("Runs"))}</a> · <a href=\"/admin/schedules\">{Html.E(T("Schedules"))}</a></div>");
        html.Append(d.NeedsAttention);
        html.Append(Tiles(d));
        // One below the other: the week's table has seven columns and the latest runs five, too wide to sit side by side.
        html.Append(RunDays(d));
        html.Append(Latest(d));
        html.Append(Logs(d.Logs));
        return html.ToString();
    }

    /// <summary>The orders sent, retrying and parked, and the next scheduled run, each a link to where it is acted on.</summary>
    private static string Tiles(DashboardData d)
    {
        string Tile(string id, string href, string css, string count, string label) =>
            $"<a class=\"tile{css}\" id=\"{id}\" href=\"{href}\"><span class=\"count\">{count}</span> <span class=\"label\">{Html.E(label)}</span></a>";
        var next = d.Next switch
        {
            { At: { } at } => Tile("tile-next", "/admin/schedules", "", Html.E(PageFormat.TimeWithZone(at)), T("next scheduled run")),
            { Schedules: 0 } => Tile("tile-next", "/admin/schedules", " quiet", "—", T("no schedule is configured")),
            _ => Tile("tile-next", "/admin/schedules", " warn", "—", T("every schedule is paused")),
        };
        return "<div class=\"tiles\" id=\"tiles\">" +
               Tile("tile-sent", "/admin/runs", "", N(d.OrdersSent), F("orders sent in the last {0} days", DashboardEndpoint.Days)) +
               // Retrying orders are acted on from the Runs page's list of what needs attention (send now or cancel).
               Tile("tile-retrying", "/admin/runs#needs-attention", d.Retrying > 0 ? " warn" : "", N(d.Retrying), T("orders waiting for a retry")) +
               Tile("tile-parked", "/admin/outbox", d.Parked > 0 ? " bad" : "", N(d.Parked), T("orders parked, waiting for an operator")) +
               next + "</div>";
    }

    private static string RunDays(DashboardData d)
    {
        var zone = AdminClock.Zone;
        var title = F("Runs of the last {0} days", DashboardEndpoint.Days);
        if (d.Days.Sum(x => x.Total) == 0)
            return $"<section id=\"run-days\"><h2>{Html.E(title)}</h2><div class=\"notice\" id=\"no-runs\">{Html.E(F("No runs in the last {0} days.", DashboardEndpoint.Days))}</div></section>";
        var bars = d.Days.Select(x => new ChartBar(PageFormat.ShortDay(x.Start, zone),
            F("{0}: {1} runs, {2} done, {3} with failures, {4} failed, {5} plan only, {6} in progress", PageFormat.Date(x.Start, zone),
                PageFormat.Number(x.Total), PageFormat.Number(x.Completed), PageFormat.Number(x.WithFailures), PageFormat.Number(x.Failed),
                PageFormat.Number(x.PlanOnly), PageFormat.Number(x.InProgress)),
            [new("succeeded", x.Completed, "completed"), new("retrying", x.WithFailures, "with failures"), new("failed", x.Failed, "failed"),
             new("other", x.PlanOnly + x.InProgress, "other")])).ToList();
        // Newest day first in the table, as the other lists; oldest on the left in the chart, as a time axis.
        var rows = string.Concat(d.Days.Reverse().Select(x => $"""
            <tr class="run-day" data-day="{Html.E(TimeZoneInfo.ConvertTime(x.Start, zone).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))}"><td>{Html.E(PageFormat.Date(x.Start, zone))}</td>
            <td class="num">{N(x.Completed)}</td><td class="num{(x.WithFailures > 0 ? " warn" : "")}">{N(x.WithFailures)}</td><td class="num{(x.Failed > 0 ? " bad" : "")}">{N(x.Failed)}</td>
            <td class="num">{N(x.PlanOnly)}</td><td class="num">{N(x.InProgress)}</td><td class="num">{N(x.Total)}</td></tr>
            """));
        return $"""
            <section id="run-days"><h2>{Html.E(title)}</h2>
            <figure class="runs-chart">{StatsChart.Svg(title, "", bars, 1, wholeNumbers: true)}</figure>
            {(d.DaysCapped ? $"<p class=\"muted\" id=\"days-capped\">{Html.E(T("A busy week: only its latest runs are counted here; the Runs page lists them all."))}</p>" : "")}
            <table id="run-days-table"><thead><tr><th>{Html.E(F("Day ({0})", AdminClock.Label))}</th><th class="num">{Html.E(T("runs done"))}</th><th class="num">{Html.E(T("with failures"))}</th>
            <th class="num">{Html.E(T("failed"))}</th><th class="num">{Html.E(T("plan only"))}</th><th class="num">{Html.E(T("in progress"))}</th><th class="num">{Html.E(T("Total"))}</th></tr></thead>
            <tbody>{rows}</tbody></table></section>
            """;
    }

    private static string Latest(DashboardData d)
    {
        var title = T("Latest runs");
        if (d.Latest.Count == 0)
            return $"<section id=\"latest-runs\"><h2>{Html.E(title)}</h2><div class=\"notice\" id=\"no-latest\">{Html.E(T("No run has been started yet."))}</div></section>";
        var rows = string.Concat(d.Latest.Select(r => $"""
            <tr class="latest-run" data-run="{r.Id}" data-status="{Html.E(r.Status)}"><td><a href="/admin/runs/{r.Id}">{Html.E(PageFormat.Time(r.RequestedAt))}</a></td>
            <td>{Html.E(Trigger(r.Trigger))}{(r.DryRun ? $" <span class=\"muted\">({Html.E(T("dry run"))})</span>" : "")}</td><td>{Html.E(Scope(r.Scope, d.Warehouses))}</td>
            <td class="{StatusCss(r.Status)}">{Html.E(Status(r.Status))}</td><td class="num">{Html.E(F("{0} of {1}", PageFormat.Number(r.Sent), PageFormat.Number(r.Orders)))}</td></tr>
            """));
        return $"""
            <section id="latest-runs"><h2>{Html.E(title)}</h2>
            <table id="latest-runs-table"><thead><tr><th>{Html.E(F("Started ({0})", AdminClock.Label))}</th><th>{Html.E(T("Started by"))}</th><th>{Html.E(T("Warehouse"))}</th>
            <th>{Html.E(T("Outcome"))}</th><th class="num">{Html.E(T("Orders sent"))}</th></tr></thead><tbody>{rows}</tbody></table>
            <p><a href="/admin/runs">{Html.E(T("All runs"))}</a></p></section>
            """;
    }

    private static string Logs(IReadOnlyList<SystemLogs> systems)
    {
        var title = T("Logs of the last 24 hours by system");
        if (systems.Count == 0)
            return $"<section id=\"logs-by-system\"><h2>{Html.E(title)}</h2><div class=\"notice\" id=\"no-logs\">{Html.E(T("No integration logs in the last 24 hours."))}</div></section>";
        // Each count opens the Logs page on those records: the system's, of the last 24 hours, and its failed ones.
        string Link(string? system, string? status) => "/admin/logs?" + Html.QueryString([("external_system", system), ("status", status), ("period", "24h")]);
        var rows = string.Concat(systems.Select(s => $"""
            <tr class="system-logs" data-system="{Html.E(s.System ?? StatsView.NoSystem)}"><td>{Html.E(s.System ?? T(StatsView.NoSystem))}</td>
            <td class="num">{(s.System is null ? N(s.Total) : $"<a href=\"{Html.E(Link(s.System, null))}\">{N(s.Total)}</a>")}</td>
            <td class="num{(s.Failed > 0 ? " bad" : "")}">{(s.System is null || s.Failed == 0 ? N(s.Failed) : $"<a href=\"{Html.E(Link(s.System, "failed"))}\">{N(s.Failed)}</a>")}</td></tr>
            """));
        return $"""
            <section id="logs-by-system"><h2>{Html.E(title)}</h2>
            <table id="logs-by-system-table"><thead><tr><th>{Html.E(T("System"))}</th><th class="num">{Html.E(T("Records"))}</th><th class="num">{Html.E(T("Failures"))}</th></tr></thead>
            <tbody>{rows}</tbody></table>
            <p><a href="/admin/stats">{Html.E(T("Stats"))}</a></p></section>
            """;
    }

    private static string Scope(string scope, WarehouseList? warehouses) =>
        scope == "all" ? T("all warehouses") : Guid.TryParse(scope, out var key) && warehouses?.NameOf(key) is { } name ? name : scope;

    private static string Trigger(RunTrigger trigger) => trigger switch
    {
        RunTrigger.Schedule => T("by the schedule"),
        RunTrigger.Api => T("through the API"),
        RunTrigger.Admin => T("from these pages"),
        RunTrigger.Cli => T("from the command line"),
        _ => trigger.ToString(),
    };

    private static string Status(RunStatus status) => status switch
    {
        RunStatus.Planning => T("planning"),
        RunStatus.Dispatching => T("sending its orders"),
        RunStatus.Completed => T("completed"),
        RunStatus.CompletedWithFailures => T("completed with failures"),
        RunStatus.Planned => T("plan only"),
        RunStatus.Failed => T("failed"),
        RunStatus.AwaitingConfirmation => T("waiting for a confirmation"),
        _ => status.ToString(),
    };

    private static string StatusCss(RunStatus status) => status switch
    {
        RunStatus.Completed => "ok",
        RunStatus.CompletedWithFailures or RunStatus.AwaitingConfirmation => "warn",
        RunStatus.Failed => "bad",
        _ => "",
    };
}
