using System.Text;
using System.Text.Json;
using Hub.Admin.Shell;
using Hub.Contracts.Logging;

namespace Hub.Admin.Logs;

/// <summary>The Logs page as small functions of data to HTML; every value goes through <see cref="Html.E"/>.</summary>
public static class LogsView
{
    public const int PreviewLength = 1500;
    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Filters(LogsQuery q) => $"""
        <form method="get" action="/admin/logs" class="filters">
        <label>Period <select name="period">{Html.Option("", "any time", q.Period)}{string.Concat(LogsQuery.Periods.Select(p => Html.Option(p.Value, p.Label, q.Period)))}</select></label>
        <label>From ({AdminClock.Label}) <input name="from" value="{Html.E(q.From)}" placeholder="2026-11-23 09:00" size="17"></label>
        <label>To ({AdminClock.Label}) <input name="to" value="{Html.E(q.To)}" size="17"></label>
        <label>Level <select name="level">{Html.Option("", "any", q.Level)}{string.Concat(LogLevels.All.Select(l => Html.Option(l, l, q.Level)))}</select></label>
        <label>Status <input name="status" value="{Html.E(q.Status)}" size="9" placeholder="failed"></label>
        <label>System <input name="external_system" value="{Html.E(q.System)}" size="9" placeholder="1c"></label>
        <label>Step <input name="step" value="{Html.E(q.Step)}" size="12"></label>
        <label>Process <input name="process" value="{Html.E(q.Process)}" size="16"></label>
        <label>Run id <input name="run_id" value="{Html.E(q.RunId)}" size="36"></label>
        {(q.RequestId is null ? "" : $"<label>Order / request id <input name=\"request_id\" value=\"{Html.E(q.RequestId)}\" size=\"36\"></label>")}
        <label>Text <input name="text" value="{Html.E(q.Text)}" size="20"></label>
        <label>Page size <select name="page_size">{string.Concat(LogsQuery.PageSizes.Select(s => Html.Option(s.ToString(), s.ToString(), q.PageSize.ToString())))}</select></label>
        <label>Auto-refresh <select name="refresh">{string.Concat(LogsQuery.RefreshChoices.Select(s => Html.Option(s.ToString(), s == 0 ? "off" : $"every {s} s", q.Refresh.ToString())))}</select></label>
        <button type="submit">Show</button> <a href="/admin/logs">Clear</a>
        </form>
        {Export(q)}
        """;

    /// <summary>Downloads of everything the shown filter selects (not only the loaded page), newest first.</summary>
    public static string Export(LogsQuery q)
    {
        var query = Html.E(q.ToQueryString());
        return $"""
            <p class="export" id="export">Export this filter: <a id="export-csv" href="/admin/logs/export?{query}&amp;format=csv" download>CSV</a>
            · <a id="export-csv-semicolon" href="/admin/logs/export?{query}&amp;format=csv&amp;delimiter=semicolon" download title="for Excel with a decimal comma (ru-RU)">CSV with semicolons</a>
            · <a id="export-ndjson" href="/admin/logs/export?{query}&amp;format=ndjson" download>NDJSON</a></p>
            """;
    }

    /// <summary>
    /// The region auto-refresh replaces. It polls only while no record is open, so reading one is not interrupted;
    /// with the database down it keeps polling even when auto-refresh is off, so the page recovers by itself.
    /// </summary>
    public static string Results(LogsQuery q, string inner, bool failing)
    {
        var seconds = q.Refresh > 0 ? q.Refresh : failing ? 5 : 0;
        var poll = seconds == 0 ? "" :
            $" hx-get=\"/admin/logs?{Html.E(q.ToQueryString())}\" hx-trigger=\"every {seconds}s\" data-pause-while=\"#record > *\" hx-swap=\"innerHTML\"";
        return $"<div id=\"results\"{poll}>{inner}</div><div id=\"record\"></div>";
    }

    public static string Table(LogsQuery q, IReadOnlyList<IntegrationLog> items, string? next) =>
        items.Count == 0
            ? "<div class=\"notice\" id=\"empty\">No log records match these filters.</div>"
            : $"""
              <table id="logs"><thead><tr><th>Time ({AdminClock.Label})</th><th>Level</th><th>Status</th><th>Process / step</th><th>System</th><th>Message</th><th>Details / payload</th><th></th></tr></thead>
              <tbody>{Rows(q, items, next)}</tbody></table>
              """;

    /// <summary>Rows and, when there is more, the row whose button fetches the next keyset page in its place.</summary>
    public static string Rows(LogsQuery q, IReadOnlyList<IntegrationLog> items, string? next)
    {
        var html = new StringBuilder();
        foreach (var log in items) html.Append(Row(log));
        if (next is not null)
            html.Append($"<tr id=\"more\"><td colspan=\"8\"><a href=\"/admin/logs?{Html.E(q.ToQueryString(next, withNext: true))}\" " +
                        $"hx-get=\"/admin/logs?{Html.E(q.ToQueryString(next, withNext: true))}\" hx-target=\"#more\" hx-swap=\"outerHTML\">Load more</a></td></tr>");
        return html.ToString();
    }

    public static string Row(IntegrationLog log)
    {
        var preview = Preview(log.Details) ?? Preview(log.Payload) ?? Preview(log.RequestPayload) ?? Preview(log.ResponsePayload);
        var message = log.ErrorMessage is { Length: > 0 } error ? $"{log.Message} — {error}" : log.Message;
        return $"""
            <tr class="log" data-id="{log.Id}"><td>{Html.E(log.Ts)}</td><td class="lvl-{Html.E(log.LogLevel)}">{Html.E(log.LogLevel)}</td><td>{Html.E(log.Status)}</td>
            <td>{Html.E(log.ProcessName)}<br><span class="muted">{Html.E(log.Step)}</span></td><td>{Html.E(log.ExternalSystem)}</td>
            <td>{Html.E(Html.Cut(message ?? "", 500))}</td><td><pre>{Html.E(preview)}</pre></td>
            <td><a href="/admin/logs/{log.Id}" hx-get="/admin/logs/{log.Id}" hx-target="#record" hx-swap="innerHTML">Open</a></td></tr>
            """;
    }

    /// <summary>Compact JSON cut at <see cref="PreviewLength"/> characters; null when there is none.</summary>
    public static string? Preview(JsonElement? json) =>
        json is { ValueKind: not (JsonValueKind.Undefined or JsonValueKind.Null) } value ? Html.Cut(value.GetRawText(), PreviewLength) : null;

    public static string Record(IntegrationLog log, bool closable)
    {
        var fields = new (string, object?)[]
        {
            ("id", log.Id), ("ts", log.Ts), ("created_at", log.CreatedAt), ("updated_at", log.UpdatedAt), ("process_name", log.ProcessName),
            ("step", log.Step), ("job_name", log.JobName), ("log_level", log.LogLevel), ("status", log.Status), ("message", log.Message),
            ("run_id", log.RunId), ("request_id", log.RequestId), ("job_id", log.JobId), ("external_system", log.ExternalSystem),
            ("action", log.Action), ("related_entity_type", log.RelatedEntityType), ("related_entity_id", log.RelatedEntityId),
            ("elapsed_ms", log.ElapsedMs), ("retry_count", log.RetryCount), ("payload_hash", log.PayloadHash),
            ("error_code", log.ErrorCode), ("error_message", log.ErrorMessage),
        };
        var blocks = new (string, JsonElement?)[] { ("details", log.Details), ("payload", log.Payload), ("request_payload", log.RequestPayload), ("response_payload", log.ResponsePayload) };
        var close = closable
            ? "<button type=\"button\" class=\"close\" data-clear=\"record\">Close</button>"
            : "<a href=\"/admin/logs\">Back to logs</a>";
        var runLink = log.RunId is { } run ? $" · <a href=\"/admin/logs?run_id={run}\">all logs of this run</a>" : "";
        return $"""
            <section class="record" data-id="{log.Id}"><p>{close}{runLink}</p>
            <dl class="fields">{string.Concat(fields.Select(f => $"<dt>{Html.E(f.Item1)}</dt><dd>{Html.E(f.Item2)}</dd>"))}</dl>
            {string.Concat(blocks.Select(b => $"<h3>{Html.E(b.Item1)}</h3>" + (b.Item2 is { ValueKind: not (JsonValueKind.Undefined or JsonValueKind.Null) } v
                ? $"<pre class=\"json\">{Html.E(JsonSerializer.Serialize(v, Pretty))}</pre>" : "<p class=\"muted\">(none)</p>")))}
            </section>
            """;
    }
}
