using System.Globalization;
using System.Text;
using Hub.Admin.Shell;

namespace Hub.Admin.Stats;

/// <summary>The Stats page as small functions of data to HTML; every value goes through <see cref="Html.E"/>.</summary>
public static class StatsView
{
    public const string NoSystem = "(no system)";

    public static string Page(StatsQuery q, TimeZoneInfo defaultZone, string inner)
    {
        var zones = StatsQuery.Zones.Contains(defaultZone.Id) ? StatsQuery.Zones : [.. StatsQuery.Zones, defaultZone.Id];
        string Tab(StatsBucket bucket, string label) => q.Bucket == bucket
            ? $"<strong aria-current=\"true\">{Html.E(label)}</strong>"
            : $"<a href=\"/admin/stats?{Html.E(q.ToQueryString(bucket))}\">{Html.E(label)}</a>";
        return $"""
            <p class="tabs" id="buckets">{Tab(StatsBucket.Hour, "Hourly, last 24 hours")} · {Tab(StatsBucket.Day, "Daily, last 30 days")}</p>
            <form method="get" action="/admin/stats" class="filters">
            <input type="hidden" name="bucket" value="{(q.Bucket == StatsBucket.Hour ? "hour" : "day")}">
            <label>System <input name="system" value="{Html.E(q.System)}" size="10" placeholder="all"></label>
            <label>Process <input name="process" value="{Html.E(q.Process)}" size="20" placeholder="all"></label>
            <label>Time zone <select name="tz">{string.Concat(zones.Select(z => Html.Option(z, z, q.Zone.Id)))}</select></label>
            <button type="submit">Show</button> <a href="/admin/stats">Clear</a>
            </form>
            <div id="stats" hx-get="/admin/stats?{Html.E(q.ToQueryString())}" hx-trigger="every 60s" hx-swap="innerHTML">{inner}</div>
            """;
    }

    public static string Results(StatsQuery q, StatsRange range, IReadOnlyList<LogStatsRow> rows)
    {
        var zone = q.Zone;
        var span = q.Bucket == StatsBucket.Hour ? "the last 24 hours" : "the last 30 days";
        if (rows.Count == 0)
            return $"<div class=\"notice\" id=\"empty\">No integration logs in {Html.E(span)}{(q.System is null && q.Process is null ? "" : " for this filter")}.</div>";

        var starts = range.BucketStarts(q.Bucket, zone).ToList();
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture,
            $"<p class=\"muted\">{Html.E(Period(range.From, q.Bucket, zone))} – {Html.E(Period(range.To, q.Bucket, zone))} ({Html.E(zone.Id)}), " +
            $"by {(q.Bucket == StatsBucket.Hour ? "hour" : "day")}. Green: succeeded, amber: retrying, red: failed, grey: other statuses.</p>");
        foreach (var system in rows.GroupBy(r => r.ExternalSystem ?? NoSystem).OrderBy(g => g.Key == NoSystem).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            var byStart = system.ToDictionary(r => r.Period.UtcTicks);
            var buckets = starts.Select(s => (Start: s, Row: byStart.GetValueOrDefault(s.UtcTicks))).ToList();
            var total = system.Sum(r => r.Total);
            var failed = system.Sum(r => r.Failed);
            html.Append(CultureInfo.InvariantCulture, $"""
                <section class="system" data-system="{Html.E(system.Key)}"><h2>{Html.E(system.Key)}</h2>
                <p>{total:N0} logs, {failed:N0} failed{(total == 0 ? "" : $" ({100.0 * failed / total:0.#}%)")}</p>
                <div class="charts">
                <figure class="volume"><figcaption>Volume</figcaption>{StatsChart.Svg($"{system.Key}: logs per {Unit(q)}", "", Bars(q, buckets, VolumeSegments), LabelEvery(q))}</figure>
                <figure class="failures"><figcaption>Failures</figcaption>{StatsChart.Svg($"{system.Key}: failed logs per {Unit(q)}", "", Bars(q, buckets, r => [new ChartSegment("failed", r.Failed, "failed")]), LabelEvery(q))}</figure>
                <figure class="p95"><figcaption>p95 duration</figcaption>{StatsChart.Svg($"{system.Key}: 95th percentile of elapsed_ms per {Unit(q)}", " ms", Bars(q, buckets, r => r.P95ElapsedMs is { } p ? [new ChartSegment("duration", p, "p95 ms")] : []), LabelEvery(q))}</figure>
                </div></section>
                """);
        }
        html.Append(Table(q, rows));
        return html.ToString();
    }

    private static IReadOnlyList<ChartSegment> VolumeSegments(LogStatsRow r) =>
    [
        new("succeeded", r.Succeeded, "succeeded"), new("retrying", r.Retrying, "retrying"), new("failed", r.Failed, "failed"),
        new("other", Math.Max(0, r.Total - r.Succeeded - r.Retrying - r.Failed), "other"),
    ];

    private static List<ChartBar> Bars(StatsQuery q, List<(DateTimeOffset Start, LogStatsRow? Row)> buckets,
        Func<LogStatsRow, IReadOnlyList<ChartSegment>> segments) =>
        buckets.Select(b =>
        {
            var label = Label(b.Start, q.Bucket, q.Zone);
            if (b.Row is not { } row) return new ChartBar(label, $"{Period(b.Start, q.Bucket, q.Zone)}: no logs", []);
            var parts = segments(row);
            var tooltip = $"{Period(b.Start, q.Bucket, q.Zone)}: {row.Total} logs, {row.Succeeded} succeeded, {row.Failed} failed, {row.Retrying} retrying" +
                          (row.P95ElapsedMs is { } p ? $", p95 {p} ms" : "");
            return new ChartBar(label, tooltip, parts);
        }).ToList();

    public static string Table(StatsQuery q, IReadOnlyList<LogStatsRow> rows)
    {
        var zone = q.Zone;
        var body = string.Concat(rows.OrderByDescending(r => r.Period).ThenBy(r => r.ExternalSystem ?? NoSystem, StringComparer.Ordinal).Select(r => $"""
            <tr class="stat"><td>{Html.E(Period(r.Period, q.Bucket, zone))}</td><td>{Html.E(r.ExternalSystem ?? NoSystem)}</td><td class="num">{Html.E(r.Total)}</td>
            <td class="num">{Html.E(r.Succeeded)}</td><td class="num{(r.Failed > 0 ? " bad" : "")}">{Html.E(r.Failed)}</td><td class="num">{Html.E(r.Retrying)}</td>
            <td class="num">{Html.E(r.AvgElapsedMs)}</td><td class="num">{Html.E(r.P95ElapsedMs)}</td></tr>
            """));
        return $"""
            <h2>Table</h2>
            <table id="stats-table"><thead><tr><th>{(q.Bucket == StatsBucket.Hour ? "Hour" : "Day")} ({Html.E(zone.Id)})</th><th>System</th><th class="num">Total</th><th class="num">Succeeded</th><th class="num">Failed</th>
            <th class="num">Retrying</th><th class="num">Avg ms</th><th class="num">p95 ms</th></tr></thead><tbody>{body}</tbody></table>
            """;
    }

    private static string Unit(StatsQuery q) => q.Bucket == StatsBucket.Hour ? "hour" : "day";
    private static int LabelEvery(StatsQuery q) => q.Bucket == StatsBucket.Hour ? 3 : 5;

    private static string Label(DateTimeOffset t, StatsBucket bucket, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(t, zone).ToString(bucket == StatsBucket.Hour ? "HH:mm" : "dd.MM", CultureInfo.InvariantCulture);

    private static string Period(DateTimeOffset t, StatsBucket bucket, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(t, zone).ToString(bucket == StatsBucket.Hour ? "yyyy-MM-dd HH:mm" : "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
