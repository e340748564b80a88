using System.Text;
using Hub.Admin.Shell;

namespace Hub.Admin.Stats;

/// <summary>
/// The Stats page as small functions of data to HTML; every value goes through <see cref="Html.E"/>, every word through
/// <see cref="AdminText.T"/>, numbers and dates in the reader's format (<see cref="PageFormat"/>).
/// </summary>
public static class StatsView
{
    /// <summary>The group of records without a system, as data-system names it; shown translated.</summary>
    public const string NoSystem = "(no system)";

    private static string T(string key) => AdminText.T(key);
    private static string F(string key, params object[] values) => PageFormat.F(key, values);
    private static string N(long value) => PageFormat.Number(value);

    /// <summary>How the page names a zone: MSK for the pages' own zone (as in the header), else its IANA id.</summary>
    public static string ZoneName(TimeZoneInfo zone) => zone.Id == AdminClock.Zone.Id ? AdminClock.Label : zone.Id;

    private static string SystemName(string system) => system == NoSystem ? T(NoSystem) : system;

    public static string Page(StatsQuery q, TimeZoneInfo defaultZone, string inner)
    {
        var zones = StatsQuery.Zones.Append(AdminClock.Zone.Id).Append(defaultZone.Id).Distinct(StringComparer.Ordinal).ToArray();
        string Tab(StatsBucket bucket, string label) => q.Bucket == bucket
            ? $"<strong aria-current=\"true\">{Html.E(T(label))}</strong>"
            : $"<a href=\"/admin/stats?{Html.E(q.ToQueryString(bucket))}\">{Html.E(T(label))}</a>";
        return $"""
            <p class="tabs" id="buckets">{Tab(StatsBucket.Hour, "Hourly, last 24 hours")} · {Tab(StatsBucket.Day, "Daily, last 30 days")}</p>
            <form method="get" action="/admin/stats" class="filters">
            <input type="hidden" name="bucket" value="{(q.Bucket == StatsBucket.Hour ? "hour" : "day")}">
            <label>{Html.E(T("System"))} <input name="system" value="{Html.E(q.System)}" size="10" placeholder="{Html.E(T("all"))}"></label>
            <label>{Html.E(T("Process"))} <input name="process" value="{Html.E(q.Process)}" size="20" placeholder="{Html.E(T("all"))}"></label>
            <label>{Html.E(T("Time zone"))} <select name="tz">{string.Concat(zones.Select(z => Html.Option(z, z, q.Zone.Id)))}</select></label>
            <button type="submit">{Html.E(T("Show"))}</button> <a href="/admin/stats">{Html.E(T("Clear"))}</a>
            </form>
            <div id="stats" hx-get="/admin/stats?{Html.E(q.ToQueryString())}" hx-trigger="every 60s" hx-swap="innerHTML">{inner}</div>
            """;
    }

    public static string Results(StatsQuery q, StatsRange range, IReadOnlyList<LogStatsRow> rows)
    {
        var zone = q.Zone;
        var hourly = q.Bucket == StatsBucket.Hour;
        if (rows.Count == 0)
        {
            var filtered = q.System is not null || q.Process is not null;
            var key = hourly
                ? filtered ? "No integration logs in the last 24 hours for this filter." : "No integration logs in the last 24 hours."
                : filtered ? "No integration logs in the last 30 days for this filter." : "No integration logs in the last 30 days.";
            return $"<div class=\"notice\" id=\"empty\">{Html.E(T(key))}</div>";
        }

        var starts = range.BucketStarts(q.Bucket, zone).ToList();
        var html = new StringBuilder();
        html.Append($"<p class=\"muted\" id=\"period\">{Html.E(F(hourly ? "{0} – {1} ({2}), by hour." : "{0} – {1} ({2}), by day.",
            Period(range.From, q.Bucket, zone), Period(range.To, q.Bucket, zone), ZoneName(zone)))} {Legend()}</p>");
        foreach (var system in rows.GroupBy(r => r.ExternalSystem ?? NoSystem).OrderBy(g => g.Key == NoSystem).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            var byStart = system.ToDictionary(r => r.Period.UtcTicks);
            var buckets = starts.Select(s => (Start: s, Row: byStart.GetValueOrDefault(s.UtcTicks))).ToList();
            var total = system.Sum(r => r.Total);
            var failed = system.Sum(r => r.Failed);
            var name = SystemName(system.Key);
            var summary = total == 0 ? F("{0} logs, {1} failed", N(total), N(failed))
                : F("{0} logs, {1} failed ({2}%)", N(total), N(failed), PageFormat.Number(100.0 * failed / total));
            html.Append($"""
                <section class="system" data-system="{Html.E(system.Key)}"><h2>{Html.E(name)}</h2>
                <p class="summary" data-total="{Html.E(total)}" data-failed="{Html.E(failed)}">{Html.E(summary)}</p>
                <div class="charts">
                <figure class="volume"><figcaption>{Html.E(T("Volume"))}</figcaption>{StatsChart.Svg(F(hourly ? "{0}: logs per hour" : "{0}: logs per day", name), "", Bars(q, buckets, VolumeSegments), LabelEvery(q))}</figure>
                <figure class="failures"><figcaption>{Html.E(T("Failures"))}</figcaption>{StatsChart.Svg(F(hourly ? "{0}: failed logs per hour" : "{0}: failed logs per day", name), "", Bars(q, buckets, r => [new ChartSegment("failed", r.Failed, "failed")]), LabelEvery(q))}</figure>
                <figure class="p95"><figcaption>{Html.E(T("p95 duration"))}</figcaption>{StatsChart.Svg(F(hourly ? "{0}: 95th percentile of elapsed_ms per hour" : "{0}: 95th percentile of elapsed_ms per day", name), " " + T("ms"), Bars(q, buckets, r => r.P95ElapsedMs is { } p ? [new ChartSegment("duration", p, "p95 ms")] : []), LabelEvery(q))}</figure>
                </div></section>
                """);
        }
        html.Append(Table(q, rows));
        return html.ToString();
    }

    /// <summary>What the colours of the volume chart mean, each word beside a swatch of its colour.</summary>
    private static string Legend()
    {
        static string Swatch(string css, string label) =>
            $"<span class=\"legend-item\"><svg class=\"swatch\" width=\"10\" height=\"10\" aria-hidden=\"true\"><rect class=\"{css}\" width=\"10\" height=\"10\"/></svg> {Html.E(AdminText.T(label))}</span>";
        return $"<span class=\"legend\" id=\"legend\">{Swatch("succeeded", "succeeded")} {Swatch("retrying", "retrying")} {Swatch("failed", "failed")} {Swatch("other", "other statuses")}</span>";
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
            var period = Period(b.Start, q.Bucket, q.Zone);
            if (b.Row is not { } row) return new ChartBar(label, F("{0}: no logs", period), []);
            var parts = segments(row);
            var tooltip = F("{0}: {1} logs, {2} succeeded, {3} failed, {4} retrying", period, N(row.Total), N(row.Succeeded), N(row.Failed), N(row.Retrying)) +
                          (row.P95ElapsedMs is { } p ? F(", p95 {0} ms", N(p)) : "");
            return new ChartBar(label, tooltip, parts);
        }).ToList();

    public static string Table(StatsQuery q, IReadOnlyList<LogStatsRow> rows)
    {
        var zone = q.Zone;
        string Num(long? v) => v is { } n ? Html.E(N(n)) : "";
        var body = string.Concat(rows.OrderByDescending(r => r.Period).ThenBy(r => r.ExternalSystem ?? NoSystem, StringComparer.Ordinal).Select(r => $"""
            <tr class="stat"><td>{Html.E(Period(r.Period, q.Bucket, zone))}</td><td>{Html.E(SystemName(r.ExternalSystem ?? NoSystem))}</td><td class="num">{Num(r.Total)}</td>
            <td class="num">{Num(r.Succeeded)}</td><td class="num{(r.Failed > 0 ? " bad" : "")}">{Num(r.Failed)}</td><td class="num">{Num(r.Retrying)}</td>
            <td class="num">{(r.AvgElapsedMs is { } avg ? Html.E(PageFormat.Number(avg, "0")) : "")}</td><td class="num">{Num(r.P95ElapsedMs)}</td></tr>
            """));
        return $"""
            <h2>{Html.E(T("Table"))}</h2>
            <table id="stats-table"><thead><tr><th>{Html.E(F(q.Bucket == StatsBucket.Hour ? "Hour ({0})" : "Day ({0})", ZoneName(zone)))}</th><th>{Html.E(T("System"))}</th><th class="num">{Html.E(T("Total"))}</th><th class="num">{Html.E(T("Successes"))}</th><th class="num">{Html.E(T("Failures"))}</th>
            <th class="num">{Html.E(T("Retries"))}</th><th class="num">{Html.E(T("Avg ms"))}</th><th class="num">{Html.E(T("p95 ms"))}</th></tr></thead><tbody>{body}</tbody></table>
            """;
    }

    private static int LabelEvery(StatsQuery q) => q.Bucket == StatsBucket.Hour ? 3 : 5;

    private static string Label(DateTimeOffset t, StatsBucket bucket, TimeZoneInfo zone) =>
        bucket == StatsBucket.Hour ? TimeZoneInfo.ConvertTime(t, zone).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture) : PageFormat.ShortDay(t, zone);

    private static string Period(DateTimeOffset t, StatsBucket bucket, TimeZoneInfo zone) =>
        bucket == StatsBucket.Hour ? PageFormat.Time(t, zone) : PageFormat.Date(t, zone);
}
