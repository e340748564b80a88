using System.Collections;
using System.Globalization;
using System.Text.Json;
using Hub.Admin.Shell;
using Hub.Integrations.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Wolverine.Logging;
using Wolverine.Runtime;

namespace Hub.Admin.Health;

/// <summary>The Health page as functions of data to HTML; every value goes through <see cref="Html.E"/>.</summary>
public static class HealthView
{
    public const string ConnectionsPath = "/admin/health/connections";
    public const int PollSeconds = 10;

    /// <summary>
    /// The region that refreshes itself, except while someone reads a check's data unfolded. It swaps its inside only, so
    /// the check button's request, synchronised on this element, holds a refresh back until the fresh table is in
    /// instead of being overwritten by the older one.
    /// </summary>
    public static string Live(string inner) =>
        $"<div id=\"health-body\" hx-get=\"/admin/health\" hx-trigger=\"every {PollSeconds}s\" data-pause-while=\"#health-body details[open]\" hx-swap=\"innerHTML\">{inner}</div>";

    public static string Overall(HealthReport report, DateTimeOffset now) =>
        $"<p class=\"{Css(report.Status)}\" id=\"overall\">Overall: {Html.E(report.Status)} " +
        $"<span class=\"muted\">· as of {Html.E(now)}, refreshed every {PollSeconds} s</span></p>";

    public static string Checks(HealthReport report)
    {
        var rows = string.Concat(report.Entries.Select(e => $"""
            <tr class="check" data-name="{Html.E(e.Key)}"><td>{Html.E(e.Key)}</td><td class="{Css(e.Value.Status)}">{Html.E(e.Value.Status)}</td>
            <td>{Html.E(e.Value.Description ?? e.Value.Exception?.Message)}</td><td class="num">{Html.E(e.Value.Duration.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture))} ms</td>
            <td>{Data(e.Value.Data)}</td></tr>
            """));
        return $"""
            <h2>Checks</h2>
            <table id="checks"><thead><tr><th>Check</th><th>Status</th><th>Description</th><th>Took</th><th>Data</th></tr></thead><tbody>{rows}</tbody></table>
            """;
    }

    public static string LogWriter(LogWriterStatus s)
    {
        var percent = s.Capacity == 0 ? 0 : 100.0 * s.Queued / s.Capacity;
        return $"""
            <section id="log-writer"><h2>Log writer</h2><dl class="fields">
            <dt>queued</dt><dd id="lw-queued"{(s.Queued >= s.Capacity ? " class=\"bad\"" : "")}>{Html.E(s.Queued)} of {Html.E(s.Capacity)} <span class="muted">({Html.E(percent.ToString("0.#", CultureInfo.InvariantCulture))}% full)</span></dd>
            <dt>written</dt><dd id="lw-written">{Html.E(s.Written)} <span class="muted">since the hub started</span></dd>
            <dt>dropped</dt><dd id="lw-dropped" class="{(s.Dropped > 0 ? "bad" : "ok")}">{Html.E(s.Dropped)} <span class="muted">since the hub started{(s.Dropped > 0 ? "; these records are lost" : "")}</span></dd>
            <dt>quarantined</dt><dd id="lw-quarantined" class="{(s.Quarantined > 0 ? "bad" : "ok")}">{Html.E(s.Quarantined)} <span class="muted">refused by PostgreSQL since the hub started{(s.Quarantined > 0 ? "; kept as step 'quarantined' with their message" : "")}</span></dd>
            <dt>failed writes in a row</dt><dd id="lw-failures" class="{(s.ConsecutiveFailures > 0 ? "bad" : "ok")}">{Html.E(s.ConsecutiveFailures)}</dd>
            <dt>last write</dt><dd id="lw-last-flush">{(s.LastFlushAt is { } f ? Html.E(f) : "none yet")}</dd>
            <dt>last error</dt><dd id="lw-last-error">{(s.LastError is null ? "none" : $"{Html.E(s.LastError)} <span class=\"muted\">at {Html.E(s.LastErrorAt)}</span>")}</dd>
            </dl></section>
            """;
    }

    public static string Node(IWolverineRuntime runtime) => $"""
        <section id="wolverine"><h2>Wolverine node</h2><dl class="fields">
        <dt>service</dt><dd>{Html.E(runtime.Options.ServiceName)}</dd><dt>durability mode</dt><dd>{Html.E(runtime.Options.Durability.Mode)}</dd>
        <dt>node</dt><dd>{Html.E(runtime.Options.UniqueNodeId)}</dd><dt>node number</dt><dd>{Html.E(runtime.Options.Durability.AssignedNodeNumber)}</dd>
        </dl></section>
        """;

    /// <summary>The durable store's counts, or why they cannot be read; the rest of the page does not depend on them.</summary>
    public static string Store(PersistedCounts? counts, string? problem)
    {
        var body = counts is null
            ? Html.Alert(problem, "store-down")
            : $"""
              <dl class="fields" id="store-counts">
              <dt>incoming</dt><dd id="store-incoming">{Html.E(counts.Incoming)} <span class="muted">received, not yet handled</span></dd>
              <dt>scheduled</dt><dd id="store-scheduled">{Html.E(counts.Scheduled)}{(counts.ScheduledDue is { } due ? $" <span class=\"muted\">({Html.E(due)} due)</span>" : "")} <span class="muted">retries and timed messages</span></dd>
              <dt>outgoing</dt><dd id="store-outgoing">{Html.E(counts.Outgoing)}{(counts.OldestOutgoing is { } oldest ? $" <span class=\"muted\">oldest {Html.E(oldest)}</span>" : "")}</dd>
              <dt>handled</dt><dd id="store-handled">{Html.E(counts.Handled)} <span class="muted">kept a while against duplicates</span></dd>
              <dt>dead letters</dt><dd id="store-dead-letters" class="{(counts.DeadLetter > 0 ? "bad" : "ok")}">{Html.E(counts.DeadLetter)} <a href="/admin/outbox">parked orders</a></dd>
              </dl>
              """;
        return $"<section id=\"message-store\"><h2>Message store</h2>{body}</section>";
    }

    public static string Queues(IReadOnlyList<QueueView> queues)
    {
        // The URI names the queue (local://run-deliveries/), so the endpoint's own name is left to data-name for selectors.
        var rows = string.Concat(queues.Select(q => $"""
            <tr class="queue" data-name="{Html.E(q.Name)}"><td><code>{Html.E(q.Uri)}</code></td><td>{Html.E(q.Kind)}</td><td>{Html.E(q.Mode)}</td>
            <td class="{(q.Status is "Accepting" or "accepting" ? "ok" : q.Status == "not started" ? "muted" : "bad")}">{Html.E(q.Status)}</td><td class="num">{Html.E(q.InMemory)}</td>
            <td class="num">{(q.Buffering is { } b ? $"{Html.E(b.Maximum)} / {Html.E(b.Restart)}" : "—")}</td><td class="num">{Html.E(q.Parallelism)}</td></tr>
            """));
        return $"""
            <section id="queues-section"><h2>Queues and listeners</h2>
            <table id="queues"><thead><tr><th>Queue</th><th>Kind</th><th>Mode</th><th>Status</th><th title="envelopes waiting in this node's memory">In memory</th>
            <th title="a listener stops taking envelopes at the maximum and starts again at the restart level">Buffer max / restart</th><th>Parallel</th></tr></thead>
            <tbody>{rows}</tbody></table></section>
            """;
    }

    /// <summary>
    /// The last check-connections answer and the button that asks again. The button's answer replaces this section only;
    /// without JavaScript the form posts and the page comes back.
    /// </summary>
    public static string Connections(HttpContext context, IReadOnlyList<ConnectionResult>? last, bool running)
    {
        var button = $"""
            <form method="post" action="{ConnectionsPath}" class="inline" id="check-connections-form" hx-post="{ConnectionsPath}" hx-target="#connections"
             hx-swap="outerHTML" hx-sync="closest #health-body:replace" hx-disabled-elt="find button">{AdminForms.HiddenField(context)}<button type="submit" id="check-connections">Check connections now</button>
             <span class="htmx-indicator muted">checking МойСклад and 1C…</span></form>
            """;
        var note = running ? "<p class=\"muted\" id=\"connections-running\">A check is running now; its answer shows here when it ends.</p>" : "";
        if (last is null)
            return $"""
                <section id="connections"><h2>External systems</h2>{button}{note}
                <div class="notice" id="connections-never">Not checked since the hub started. "Check connections now" pings МойСклад and 1C with the configured credentials and looks up the configured names.</div></section>
                """;
        var rows = string.Concat(last.Select(r => $"""
            <tr class="connection" data-system="{Html.E(r.System)}"><td>{Html.E(r.Label)}</td><td class="{(r.Ok ? "ok" : "bad")}">{Outcome(r.Outcome)}</td>
            <td class="num">{(r.ElapsedMs is { } ms ? $"{Html.E(ms)} ms" : "—")}</td><td><code>{Html.E(r.BaseUrl)}</code></td><td>{Html.E(r.Text)}{Checks(r)}</td><td>{Html.E(r.CheckedAt)}</td></tr>
            """));
        return $"""
            <section id="connections"><h2>External systems</h2>{button}{note}
            <table id="connections-table"><thead><tr><th>System</th><th>Result</th><th>Round trip</th><th>Address</th><th>What the server said</th><th>Checked at ({AdminClock.Label})</th></tr></thead>
            <tbody>{rows}</tbody></table></section>
            """;
    }

    // For a 1C base: each object the hub needs and what every transfer order names, one line each, what is missing first.
    private static string Checks(ConnectionResult r) => r.Lines.Count == 0 ? "" :
        "<ul class=\"checks\">" + string.Concat(r.Lines.OrderBy(l => l.Ok).Select(l =>
            $"<li class=\"{(l.Ok ? "ok" : "bad")}\">{(l.Ok ? "OK" : "MISSING")} <b>{Html.E(l.Subject)}</b>: {Html.E(l.Text)}</li>")) + "</ul>";

    private static string Outcome(ConnectionOutcome outcome) => outcome switch
    {
        ConnectionOutcome.Ok => "OK",
        ConnectionOutcome.NotConfigured => "FAILED: not configured",
        ConnectionOutcome.NamesMissing => "FAILED: something the hub needs is missing",
        _ => "FAILED",
    };

    private static string Css(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "ok",
        HealthStatus.Degraded => "warn",
        _ => "bad",
    };

    /// <summary>A check's data as labelled lines; nested values (the external-references names) as JSON folded away, since the description already says it in words.</summary>
    private static string Data(IReadOnlyDictionary<string, object> data) =>
        data.Count == 0 ? "" : "<dl class=\"fields data\">" + string.Concat(data.Select(d => $"<dt>{Html.E(d.Key)}</dt><dd>{Value(d.Value)}</dd>")) + "</dl>";

    private static string Value(object? value) => value switch
    {
        null or string or IFormattable => Html.E(value),
        IEnumerable => $"<details><summary>JSON</summary><code>{Html.E(JsonSerializer.Serialize(value, JsonOptions))}</code></details>",
        _ => Html.E(value),
    };

    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
