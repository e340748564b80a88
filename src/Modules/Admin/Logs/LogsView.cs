using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Hub.Admin.Shell;

namespace Hub.Admin.Logs;

/// <summary>
/// The Logs page as small functions of data to HTML, laid out as Seq users expect: one line per record, the record opened
/// in place on demand, every value in a line a link that filters by it, and a live tail on top. Every value goes through
/// <see cref="Html.E"/>.
/// </summary>
public static class LogsView
{
    public const int PreviewLength = 1500;

    /// <summary>The message in the list is cut this short (the line ellipsises it anyway); the opened record has it whole.</summary>
    public const int LineMessageLength = 300;

    /// <summary>How often the live tail asks for what arrived.</summary>
    public const int TailSeconds = 3;

    /// <summary>Cyrillic and the like stay characters: МойСклад bodies read as text, not as \u0411… escapes.</summary>
    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string T(string key) => AdminText.T(key);

    private static CultureInfo Culture => AdminText.English ? CultureInfo.GetCultureInfo("en-GB") : CultureInfo.GetCultureInfo("ru-RU");

    /// <summary>A time in the pages' zone, as the user's culture writes it: 04.12.2026 12:00:00 in Russian.</summary>
    public static string Time(DateTimeOffset t) => PageFormat.Seconds(t);

    /// <summary>A whole number as the user's culture groups it: 1 234 in Russian.</summary>
    public static string Number(long n) => n.ToString("N0", Culture);

    public static string Filters(LogsQuery q, LogFilterChoices choices) => $"""
        <form method="get" action="/admin/logs" class="filters">
        <label>{E("Period")} <select name="period">{Html.Option("", T("any time"), q.Period)}{string.Concat(LogsQuery.Periods.Select(p => Html.Option(p.Value, T(p.Label), q.Period)))}</select></label>
        <label>{E("From")} ({Html.E(AdminClock.Label)}) <input name="from" value="{Html.E(q.From)}" placeholder="{Html.E(AdminText.English ? "2026-11-23 09:00" : "23.11.2026 09:00")}" size="17"></label>
        <label>{E("To")} ({Html.E(AdminClock.Label)}) <input name="to" value="{Html.E(q.To)}" size="17"></label>
        <fieldset class="levels"><legend>{E("Level")}</legend>{string.Concat(LogLevels.All.Select(l =>
            $"<label class=\"check\"><input type=\"checkbox\" name=\"level\" value=\"{Html.E(l)}\"{(q.Levels.Contains(l, StringComparer.OrdinalIgnoreCase) ? " checked" : "")}> <span class=\"lvl-{Html.E(l)}\">{Html.E(l)}</span></label>"))}</fieldset>
        {Choice("status", "Status", q.Status, choices.Statuses)}
        {Choice("external_system", "System", q.System, choices.Systems)}
        {Choice("process", "Process", q.Process, choices.Processes)}
        {Choice("step", "Step", q.Step, choices.Steps)}
        <label>{E("Run id")} <input name="run_id" value="{Html.E(q.RunId)}" size="36"></label>
        {(q.RequestId is null ? "" : $"<label>{E("Order / request id")} <input name=\"request_id\" value=\"{Html.E(q.RequestId)}\" size=\"36\"></label>")}
        <label>{E("Text")} <input name="text" value="{Html.E(q.Text)}" size="20"></label>
        <label>{E("Page size")} <select name="page_size">{string.Concat(LogsQuery.PageSizes.Select(s => Html.Option(Inv(s), Number(s), Inv(q.PageSize))))}</select></label>
        <label>{E("Auto-refresh")} <select name="refresh">{string.Concat(LogsQuery.RefreshChoices.Select(s => Html.Option(Inv(s), s == 0 ? T("off") : string.Format(T("every {0} s"), s), Inv(q.Refresh))))}</select></label>
        <label class="check tail"><input type="checkbox" name="tail" value="1" id="tail-on" data-url-flag{(q.Tail ? " checked" : "")}> {E("Follow new records")}</label>
        <button type="submit">{E("Show")}</button> <a href="/admin/logs">{E("Clear")}</a>
        </form>
        {Export(q)}
        """;

    /// <summary>
    /// A choice among the values that exist. A value in the URL that is not among them (a record since pruned, a typo in a
    /// shared link) is kept as a choice too, so the form shows the filter that is applied.
    /// </summary>
    private static string Choice(string name, string label, string? selected, IReadOnlyList<string> values)
    {
        var all = selected is null || values.Contains(selected, StringComparer.OrdinalIgnoreCase) ? values : [.. values, selected];
        return $"<label>{E(label)} <select name=\"{Html.E(name)}\">{Html.Option("", T("any"), selected)}{string.Concat(all.Select(v => Html.Option(v, v, selected)))}</select></label>";
    }

    /// <summary>Downloads of everything the shown filter selects (not only the loaded page), newest first.</summary>
    public static string Export(LogsQuery q)
    {
        var query = Html.E(q.ToQueryString());
        return $"""
            <p class="export" id="export">{E("Export this filter:")} <a id="export-csv" href="/admin/logs/export?{query}&amp;format=csv" download>CSV</a>
            · <a id="export-csv-semicolon" href="/admin/logs/export?{query}&amp;format=csv&amp;delimiter=semicolon" download title="{E("for Excel with a decimal comma (ru-RU)")}">{E("CSV with semicolons")}</a>
            · <a id="export-ndjson" href="/admin/logs/export?{query}&amp;format=ndjson" download>NDJSON</a></p>
            """;
    }

    /// <summary>
    /// The region auto-refresh replaces. It polls only while no record is open, so reading one is not interrupted;
    /// with the database down it keeps polling even when auto-refresh is off, so the page recovers by itself.
    /// </summary>
    public static string Results(LogsQuery q, string inner, bool failing) => ResultsRegion(q, inner, failing) + "<div id=\"record\"></div>";

    /// <summary>The refreshing region alone: what a tail that finds the database down puts in place of the list.</summary>
    public static string ResultsRegion(LogsQuery q, string inner, bool failing)
    {
        var seconds = q.Refresh > 0 ? q.Refresh : failing ? 5 : 0;
        // While the tail follows, it keeps the list current itself; a refresh would only throw away what is open. With the
        // database down the region polls regardless, to recover.
        var pause = failing ? OpenRecord : OpenRecord + ", #tail-on:checked";
        var poll = seconds == 0 ? "" :
            $" hx-get=\"/admin/logs?{Html.E(q.ToQueryString())}\" hx-trigger=\"every {seconds}s\" data-pause-while=\"{pause}\" hx-swap=\"innerHTML\"";
        return $"<div id=\"results\"{poll}>{inner}</div>";
    }

    /// <summary>What pauses auto-refresh: a record opened in a line, or in the side panel (and the tail following).</summary>
    public const string OpenRecord = "#logs tr.preview:not([hidden]), #record > *";

    /// <summary>
    /// The list, and the live tail's poller above it: while "follow new records" is ticked and the tab is shown, it asks
    /// for what arrived after its cursor and puts it on top of the list; hub.js carries the cursor from answer to answer.
    /// </summary>
    public static string Table(LogsQuery q, IReadOnlyList<IntegrationLog> items, string? next, string since)
    {
        var tail = $"<div id=\"tail\" hx-get=\"/admin/logs/tail?{Html.E(q.ToQueryString())}\" hx-trigger=\"every {TailSeconds}s\" " +
                   $"hx-target=\"#logs tbody\" hx-swap=\"afterbegin\" data-since=\"{Html.E(since)}\" " +
                   "data-pause-while=\"#tail-on:not(:checked)\" data-pause-hidden></div>";
        var empty = items.Count == 0 ? $"<div class=\"notice\" id=\"empty\">{E("No log records match these filters.")}</div>" : "";
        return $"""
            {tail}<table id="logs" data-unique-rows><thead><tr><th>{E("Time")} ({Html.E(AdminClock.Label)})</th><th>{E("Level")}</th><th>{E("Status")}</th><th>{E("Process / step")}</th><th>{E("System")}</th><th class="msg">{E("Message")}</th></tr></thead>
            <tbody>{Rows(q, items, next)}</tbody></table>{empty}
            """;
    }

    /// <summary>Rows and, when there is more, the row whose button fetches the next keyset page in its place.</summary>
    public static string Rows(LogsQuery q, IReadOnlyList<IntegrationLog> items, string? next)
    {
        var html = new StringBuilder();
        foreach (var log in items) html.Append(Row(q, log));
        if (next is not null)
        {
            var url = Html.E(q.ToQueryString(next, withNext: true));
            html.Append($"<tr id=\"more\"><td colspan=\"6\"><a href=\"/admin/logs?{url}\" hx-get=\"/admin/logs?{url}\" hx-target=\"#more\" hx-swap=\"outerHTML\">{E("Load more")}</a></td></tr>");
        }
        return html.ToString();
    }

    /// <summary>
    /// One line, and the hidden line under it that opens in place: the button (or a click anywhere on the line) loads the
    /// record's preview once, by htmx, so the list itself carries no payloads.
    /// </summary>
    public static string Row(LogsQuery q, IntegrationLog log)
    {
        var message = log.ErrorMessage is { Length: > 0 } error ? $"{log.Message} — {error}" : log.Message ?? "";
        var preview = $"/admin/logs/{log.Id}/preview?{q.ToQueryString()}";
        var step = log.Step is null ? "" : $" / {Filter(q, "step", log.Step)}";
        return $"""
            <tr class="log" data-id="{log.Id}"><td class="t"><button type="button" class="disclose" aria-expanded="false" aria-controls="p-{log.Id}" title="{E("Show the record")}" aria-label="{E("Show the record")}" hx-get="{Html.E(preview)}" hx-trigger="click once" hx-target="{Html.E($"#p-{log.Id} > td")}" hx-swap="innerHTML">▸</button> {Html.E(Time(log.Ts))}</td>
            <td>{Filter(q, "level", log.LogLevel, $"lvl-{log.LogLevel}")}</td><td>{Filter(q, "status", log.Status)}</td>
            <td>{Filter(q, "process", log.ProcessName)}{step}</td><td>{Filter(q, "external_system", log.ExternalSystem)}</td>
            <td class="msg">{Html.E(Cut(message, LineMessageLength))}</td></tr>
            <tr class="preview" id="p-{log.Id}" hidden><td colspan="6"></td></tr>
            """;
    }

    /// <summary>A value in a line as a link to this list filtered by it, the other filters kept.</summary>
    public static string Filter(LogsQuery q, string name, string? value, string? css = null) =>
        value is null or ""
            ? ""
            : $"<a class=\"f{(css is null ? "" : " " + Html.E(css))}\" href=\"/admin/logs?{Html.E(q.With(name, value).ToQueryString())}\" title=\"{E("Show only these")}\">{Html.E(value)}</a>";

    /// <summary>
    /// A record opened in its line: the message and error in full, its ids (each a filter) and its JSON pretty-printed,
    /// each block cut at <see cref="PreviewLength"/> characters with a link to the whole record.
    /// </summary>
    public static string Preview(LogsQuery q, IntegrationLog log)
    {
        // Labels in the user's language; the API's field name is the title, for those who filter the API by it.
        var ids = new (string Label, string Field, string Value)[]
        {
            ("Record id", "id", log.Id.ToString()),
            ("Run id", "run_id", log.RunId is { } run ? Filter(q, "run_id", run.ToString()) : ""),
            ("Order / request id", "request_id", log.RequestId is { } request ? Filter(q, "request_id", request.ToString()) : ""),
            ("Job id", "job_id", Html.E(log.JobId)), ("Action", "action", Html.E(log.Action)),
            ("Related entity", "related_entity_type", log.RelatedEntityType is null && log.RelatedEntityId is null ? "" : Html.E($"{log.RelatedEntityType} {log.RelatedEntityId}".Trim())),
            ("Elapsed, ms", "elapsed_ms", log.ElapsedMs is { } ms ? Html.E(Number(ms)) : ""), ("Retries", "retry_count", log.RetryCount is { } retries ? Html.E(Number(retries)) : ""),
            ("Error code", "error_code", Html.E(log.ErrorCode)),
        };
        var full = $"/admin/logs/{log.Id}";
        var blocks = new StringBuilder();
        foreach (var (label, name, json) in new[] { ("Details", "details", log.Details), ("Payload", "payload", log.Payload),
                     ("Request body", "request_payload", log.RequestPayload), ("Response body", "response_payload", log.ResponsePayload) })
        {
            if (PrettyJson(json) is not { } text) continue;
            var cut = text.Length > PreviewLength;
            blocks.Append($"<h4 title=\"{Html.E(name)}\">{E(label)}</h4><pre class=\"json\">{Html.E(cut ? text[..PreviewLength] + "…" : text)}</pre>");
            if (cut)
                blocks.Append($"<p class=\"cut\">{Html.E(string.Format(T("Cut at {0} of {1} characters."), Number(PreviewLength), Number(text.Length)))} <a href=\"{full}\">{E("show all")}</a></p>");
        }
        var error = log.ErrorMessage is { Length: > 0 } e ? $"<p class=\"error-text\"><strong>{E("Error")}:</strong> {Html.E(e)}</p>" : "";
        return $"""
            <div class="expanded" data-id="{log.Id}"><p class="message">{Html.E(log.Message)}</p>{error}
            <dl class="fields">{string.Concat(ids.Where(i => i.Value.Length > 0).Select(i => $"<dt title=\"{Html.E(i.Field)}\">{E(i.Label)}</dt><dd>{i.Value}</dd>"))}</dl>
            {blocks}<p><a href="{full}">{E("Open the whole record")}</a></p></div>
            """;
    }

    /// <summary>
    /// JSON indented, with non-ASCII as characters; a string that itself holds JSON (a body logged as text) is read and
    /// indented too. Null when there is none.
    /// </summary>
    public static string? PrettyJson(JsonElement? json)
    {
        if (json is not { ValueKind: not (JsonValueKind.Undefined or JsonValueKind.Null) } value) return null;
        if (value.ValueKind == JsonValueKind.String && value.GetString() is { } s && s.TrimStart() is ['{' or '[', ..])
        {
            try
            {
                using var inner = JsonDocument.Parse(s);
                return JsonSerializer.Serialize(inner.RootElement, Pretty);
            }
            catch (JsonException)
            {
                // Text that only looks like JSON: shown as the text it is.
            }
        }
        return JsonSerializer.Serialize(value, Pretty);
    }

    public static string Record(IntegrationLog log, bool closable)
    {
        var fields = new (string, string)[]
        {
            ("id", Html.E(log.Id)), ("ts", Html.E(Time(log.Ts))), ("created_at", Html.E(Time(log.CreatedAt))), ("updated_at", log.UpdatedAt is { } u ? Html.E(Time(u)) : ""),
            ("process_name", Html.E(log.ProcessName)), ("step", Html.E(log.Step)), ("job_name", Html.E(log.JobName)), ("log_level", Html.E(log.LogLevel)),
            ("status", Html.E(log.Status)), ("message", Html.E(log.Message)), ("run_id", Html.E(log.RunId)), ("request_id", Html.E(log.RequestId)),
            ("job_id", Html.E(log.JobId)), ("external_system", Html.E(log.ExternalSystem)), ("action", Html.E(log.Action)),
            ("related_entity_type", Html.E(log.RelatedEntityType)), ("related_entity_id", Html.E(log.RelatedEntityId)),
            ("elapsed_ms", log.ElapsedMs is { } ms ? Html.E(Number(ms)) : ""), ("retry_count", log.RetryCount is { } r ? Html.E(Number(r)) : ""),
            ("payload_hash", Html.E(log.PayloadHash)), ("error_code", Html.E(log.ErrorCode)), ("error_message", Html.E(log.ErrorMessage)),
        };
        var blocks = new (string, JsonElement?)[] { ("details", log.Details), ("payload", log.Payload), ("request_payload", log.RequestPayload), ("response_payload", log.ResponsePayload) };
        var close = closable
            ? $"<button type=\"button\" class=\"close\" data-clear=\"record\">{E("Close")}</button>"
            : $"<a href=\"/admin/logs\">{E("Back to logs")}</a>";
        var runLink = log.RunId is { } run ? $" · <a href=\"/admin/logs?run_id={run}\">{E("all logs of this run")}</a>" : "";
        return $"""
            <section class="record" data-id="{log.Id}"><p>{close}{runLink}</p>
            <dl class="fields">{string.Concat(fields.Select(f => $"<dt>{Html.E(f.Item1)}</dt><dd>{f.Item2}</dd>"))}</dl>
            {string.Concat(blocks.Select(b => $"<h3>{Html.E(b.Item1)}</h3>" + (PrettyJson(b.Item2) is { } text
                ? $"<pre class=\"json\">{Html.E(text)}</pre>" : $"<p class=\"muted\">{E("(none)")}</p>")))}
            </section>
            """;
    }

    private static string E(string key) => Html.E(T(key));

    private static string Inv(int n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>A line's text cut with an ellipsis; the opened record has it whole.</summary>
    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max] + "…";
}
