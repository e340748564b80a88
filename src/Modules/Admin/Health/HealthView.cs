using System.Collections;
using System.Text.Json;
using Hub.Admin.Shell;
using Hub.Integrations.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Wolverine.Configuration;
using Wolverine.Logging;
using Wolverine.Runtime;

namespace Hub.Admin.Health;

/// <summary>
/// The Health page as functions of data to HTML; every value goes through <see cref="Html.E"/>, every word of the page
/// through <see cref="AdminText.T"/>. Raw names (a check's, a queue's, a system's) stay in data-name for scripts and tests.
/// What the checks and the servers themselves said is shown as they said it: the command line prints the same words.
/// </summary>
public static class HealthView
{
    public const string ConnectionsPath = "/admin/health/connections";
    public const int PollSeconds = 10;

    private static string T(string key) => AdminText.T(key);
    private static string F(string key, params object[] values) => PageFormat.F(key, values);
    private static string N(long value) => Html.E(PageFormat.Number(value));
    private static string At(DateTimeOffset t) => Html.E($"{PageFormat.Seconds(t)} {AdminClock.Label}");

    /// <summary>
    /// The region that refreshes itself, except while someone reads a check's data unfolded. It swaps its inside only, so
    /// the check button's request, synchronised on this element, holds a refresh back until the fresh table is in
    /// instead of being overwritten by the older one.
    /// </summary>
    public static string Live(string inner) =>
        $"<div id=\"health-body\" hx-get=\"/admin/health\" hx-trigger=\"every {PollSeconds}s\" data-pause-while=\"#health-body details[open]\" hx-swap=\"innerHTML\">{inner}</div>";

    public static string Overall(HealthReport report, DateTimeOffset now) =>
        $"<p class=\"{Css(report.Status)}\" id=\"overall\" data-status=\"{Html.E(report.Status)}\">{Html.E(F("Overall: {0}", StatusName(report.Status)))} " +
        $"<span class=\"muted\">· {Html.E(F("as of {0}, refreshed every {1} s", $"{PageFormat.Seconds(now)} {AdminClock.Label}", PollSeconds))}</span></p>";

    /// <summary>A check's state as people say it; the raw value stays in data-status.</summary>
    public static string StatusName(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => T("healthy"),
        HealthStatus.Degraded => T("degraded"),
        _ => T("down"),
    };

    /// <summary>The checks the hub registers, named for people; a check added later shows its own name until it gets one here.</summary>
    private static string CheckName(string name) => name switch
    {
        "database" => T("Database"),
        "schema" => T("Database schema"),
        "log_writer" => T("Log writer"),
        "notifications" => T("Notifications"),
        "external-references" => T("Names in 1C and MoySklad"),
        "process" => T("Process"),
        _ => name,
    };

    public static string Checks(HealthReport report)
    {
        var rows = string.Concat(report.Entries.Select(e => $"""
            <tr class="check" data-name="{Html.E(e.Key)}"><td>{Html.E(CheckName(e.Key))}</td><td class="{Css(e.Value.Status)}" data-status="{Html.E(e.Value.Status)}">{Html.E(StatusName(e.Value.Status))}</td>
            <td>{Html.E((e.Key == "external-references" ? References(e.Value.Data) : null) ?? Description(e.Value.Description ?? e.Value.Exception?.Message))}</td><td class="num">{N((long)Math.Round(e.Value.Duration.TotalMilliseconds))} {Html.E(T("ms"))}</td>
            <td>{Data(e.Value.Data)}</td></tr>
            """));
        return $"""
            <h2>{Html.E(T("Checks"))}</h2>
            <table id="checks"><thead><tr><th>{Html.E(T("Check"))}</th><th>{Html.E(T("State"))}</th><th>{Html.E(T("Description"))}</th><th>{Html.E(T("Took"))}</th><th>{Html.E(T("Data"))}</th></tr></thead><tbody>{rows}</tbody></table>
            """;
    }

    /// <summary>
    /// The fixed descriptions the hub's checks give when all is well have a translation; a description built from live
    /// values (what is wrong, with numbers) is shown as the check wrote it, the same words /health/ready answers with.
    /// </summary>
    private static string? Description(string? text) => text is null ? null : AdminText.All.ContainsKey(text) ? T(text) : text;

    /// <summary>
    /// The names check told from its data in the reader's language (its description is the console's English line):
    /// per system what was found, what was not with the closest names the system has, or why nothing was checked.
    /// Null when the data is not of that shape, and the description is shown as it is.
    /// </summary>
    private static string? References(IReadOnlyDictionary<string, object> data)
    {
        var parts = new List<string>();
        foreach (var (system, value) in data)
        {
            if (value is not IReadOnlyDictionary<string, object?> entry || Told(entry) is not { } told) return null;
            parts.Add(PageFormat.System(system) + ": " + told);
        }
        return parts.Count == 0 ? null : string.Join(" | ", parts);
    }

    /// <summary>What a connection check heard from a server, in the reader's language where the check kept its parts.</summary>
    private static string Said(ConnectionResult r) =>
        r is { Facts: { } facts, Names: { } names } && Told(new Dictionary<string, object?> { ["state"] = names.StateName, ["summary"] = names.Summary(), ["names"] = names.NamesJson() }) is { } told
            ? string.Join(", ", facts.Select(f => $"{T(f.Key)}: {f.Value}")) + "; " + told
            : r.Text;

    /// <summary>One system's name check (state, summary and names as the check's data has them), or null when not of that shape.</summary>
    private static string? Told(IReadOnlyDictionary<string, object?> entry)
    {
        if (entry.GetValueOrDefault("state") is not string state) return null;
        var names = entry.GetValueOrDefault("names") as IEnumerable<IReadOnlyDictionary<string, object?>> ?? [];
        string Named(IReadOnlyDictionary<string, object?> n) =>
            n.GetValueOrDefault("name") is string { Length: > 0 } name ? $"{T(n.GetValueOrDefault("kind") as string ?? "")} «{name}»" : T(n.GetValueOrDefault("kind") as string ?? "");
        string Missing(IReadOnlyDictionary<string, object?> n)
        {
            var setting = n.GetValueOrDefault("setting") as string ?? "";
            if (n.GetValueOrDefault("problem") is string problem) return F("{0} ({1}) could not be checked: {2}", Named(n), setting, problem);
            var closest = (n.GetValueOrDefault("closest") as IEnumerable<string> ?? []).Select(c => $"«{c}»").ToList();
            var text = n.GetValueOrDefault("name") is string { Length: > 0 } ? F("{0} ({1}) not found", Named(n), setting) : F("{0}: no name set ({1})", Named(n), setting);
            return closest.Count == 0 ? text : text + ", " + F("the system has: {0}", string.Join(", ", closest));
        }
        var found = names.Where(n => n.GetValueOrDefault("found") is true).Select(Named).ToList();
        var missing = names.Where(n => n.GetValueOrDefault("found") is not true).Select(Missing).ToList();
        const string notChecked = "configured names not checked: ";
        var summary = entry.GetValueOrDefault("summary") as string ?? "";
        var why = summary.IndexOf(notChecked, StringComparison.Ordinal) is var at and >= 0 ? summary[(at + notChecked.Length)..] : summary;
        return state switch
        {
            "found" => F("configured names found: {0}", string.Join(", ", found)),
            "not_found" => string.Join("; ", missing) + (found.Count == 0 ? "" : "; " + F("found: {0}", string.Join(", ", found))),
            "checking" => T("checking the configured names"),
            _ => F("configured names not checked: {0}", Description(why) ?? ""),
        };
    }

    public static string LogWriter(LogWriterStatus s)
    {
        var percent = s.Capacity == 0 ? 0 : 100.0 * s.Queued / s.Capacity;
        var since = Html.E(T("since the hub started"));
        return $"""
            <section id="log-writer"><h2>{Html.E(T("Log writer"))}</h2><dl class="fields">
            <dt>{Html.E(T("queued"))}</dt><dd id="lw-queued"{(s.Queued >= s.Capacity ? " class=\"bad\"" : "")}>{Html.E(F("{0} of {1}", PageFormat.Number(s.Queued), PageFormat.Number(s.Capacity)))} <span class="muted">({Html.E(F("{0}% full", PageFormat.Number(percent)))})</span></dd>
            <dt>{Html.E(T("written"))}</dt><dd id="lw-written">{N(s.Written)} <span class="muted">{since}</span></dd>
            <dt>{Html.E(T("dropped"))}</dt><dd id="lw-dropped" class="{(s.Dropped > 0 ? "bad" : "ok")}">{N(s.Dropped)} <span class="muted">{since}{(s.Dropped > 0 ? Html.E(T("; these records are lost")) : "")}</span></dd>
            <dt>{Html.E(T("quarantined"))}</dt><dd id="lw-quarantined" class="{(s.Quarantined > 0 ? "bad" : "ok")}">{N(s.Quarantined)} <span class="muted">{Html.E(T("refused by PostgreSQL since the hub started"))}{(s.Quarantined > 0 ? Html.E(T("; kept as step 'quarantined' with their message")) : "")}</span></dd>
            <dt>{Html.E(T("failed writes in a row"))}</dt><dd id="lw-failures" class="{(s.ConsecutiveFailures > 0 ? "bad" : "ok")}">{N(s.ConsecutiveFailures)}</dd>
            <dt>{Html.E(T("last write"))}</dt><dd id="lw-last-flush">{(s.LastFlushAt is { } f ? At(f) : Html.E(T("none yet")))}</dd>
            <dt>{Html.E(T("last error"))}</dt><dd id="lw-last-error">{(s.LastError is null ? Html.E(T("no error yet")) : $"{Html.E(s.LastError)}{(s.LastErrorAt is { } e ? $" <span class=\"muted\">{Html.E(F("at {0}", $"{PageFormat.Seconds(e)} {AdminClock.Label}"))}</span>" : "")}")}</dd>
            </dl></section>
            """;
    }

    public static string Node(IWolverineRuntime runtime) => $"""
        <section id="wolverine"><h2>{Html.E(T("Wolverine node"))}</h2><dl class="fields">
        <dt>{Html.E(T("service"))}</dt><dd>{Html.E(runtime.Options.ServiceName)}</dd><dt>{Html.E(T("durability mode"))}</dt><dd>{Html.E(runtime.Options.Durability.Mode)}</dd>
        <dt>{Html.E(T("node"))}</dt><dd>{Html.E(runtime.Options.UniqueNodeId)}</dd><dt>{Html.E(T("node number"))}</dt><dd>{Html.E(runtime.Options.Durability.AssignedNodeNumber)}</dd>
        </dl></section>
        """;

    /// <summary>Why the message store's counts are missing when it is not the database being down.</summary>
    public static string StoreProblem(Exception ex) => F("Wolverine's message store could not be read: {0}", ex.Message);

    /// <summary>The durable store's counts, or why they cannot be read; the rest of the page does not depend on them.</summary>
    public static string Store(PersistedCounts? counts, string? problem)
    {
        var body = counts is null
            ? Html.Alert(problem, "store-down")
            : $"""
              <dl class="fields" id="store-counts">
              <dt>{Html.E(T("incoming"))}</dt><dd id="store-incoming">{N(counts.Incoming)} <span class="muted">{Html.E(T("received, not yet handled"))}</span></dd>
              <dt>{Html.E(T("scheduled"))}</dt><dd id="store-scheduled">{N(counts.Scheduled)}{(counts.ScheduledDue is { } due ? $" <span class=\"muted\">({Html.E(F("{0} due", PageFormat.Number(due)))})</span>" : "")} <span class="muted">{Html.E(T("retries and timed messages"))}</span></dd>
              <dt>{Html.E(T("outgoing"))}</dt><dd id="store-outgoing">{N(counts.Outgoing)}{(counts.OldestOutgoing is { } oldest ? $" <span class=\"muted\">{Html.E(F("oldest {0}", $"{PageFormat.Seconds(oldest)} {AdminClock.Label}"))}</span>" : "")}</dd>
              <dt>{Html.E(T("handled"))}</dt><dd id="store-handled">{N(counts.Handled)} <span class="muted">{Html.E(T("kept a while against duplicates"))}</span></dd>
              <dt>{Html.E(T("dead letters"))}</dt><dd id="store-dead-letters" class="{(counts.DeadLetter > 0 ? "bad" : "ok")}">{N(counts.DeadLetter)} <a href="/admin/outbox">{Html.E(T("parked orders"))}</a></dd>
              </dl>
              """;
        return $"<section id=\"message-store\"><h2>{Html.E(T("Message store"))}</h2>{body}</section>";
    }

    public static string Queues(IReadOnlyList<QueueView> queues)
    {
        // The URI names the queue (local://run-deliveries/), so the endpoint's own name is left to data-name for selectors.
        var rows = string.Concat(queues.Select(q => $"""
            <tr class="queue" data-name="{Html.E(q.Name)}"><td><code>{Html.E(q.Uri)}</code></td><td>{Html.E(KindName(q.Kind))}</td><td data-mode="{Html.E(q.Mode)}">{Html.E(ModeName(q.Mode))}</td>
            <td class="{(q.Status is "Accepting" or "accepting" ? "ok" : q.Status == "not started" ? "muted" : "bad")}" data-status="{Html.E(q.Status)}">{Html.E(QueueStatusName(q.Status))}</td><td class="num">{N(q.InMemory)}</td>
            <td class="num">{(q.Buffering is { } b ? $"{N(b.Maximum)} / {N(b.Restart)}" : "—")}</td><td class="num">{N(q.Parallelism)}</td></tr>
            """));
        return $"""
            <section id="queues-section"><h2>{Html.E(T("Queues and listeners"))}</h2>
            <table id="queues"><thead><tr><th>{Html.E(T("Queue"))}</th><th>{Html.E(T("Kind"))}</th><th>{Html.E(T("Mode"))}</th><th>{Html.E(T("State"))}</th><th title="{Html.E(T("envelopes waiting in this node's memory"))}">{Html.E(T("In memory"))}</th>
            <th title="{Html.E(T("a listener stops taking envelopes at the maximum and starts again at the restart level"))}">{Html.E(T("Buffer max / restart"))}</th><th>{Html.E(T("Parallel"))}</th></tr></thead>
            <tbody>{rows}</tbody></table></section>
            """;
    }

    private static string KindName(string kind) => kind switch
    {
        "local queue" => T("local queue"),
        "listener" => T("listener"),
        _ => kind,
    };

    private static string ModeName(EndpointMode mode) => mode switch
    {
        EndpointMode.Durable => T("durable"),
        EndpointMode.BufferedInMemory => T("buffered in memory"),
        EndpointMode.Inline => T("inline"),
        _ => mode.ToString(),
    };

    // Wolverine's listener states (Accepting, TooBusy, Stopped, Unknown, GloballyLatched) and the local queues' own words.
    private static string QueueStatusName(string status) => status switch
    {
        "Accepting" or "accepting" => T("accepting"),
        "not started" => T("not started"),
        "latched" or "GloballyLatched" => T("latched"),
        "TooBusy" => T("too busy"),
        "Stopped" => T("stopped"),
        "Unknown" => T("state unknown"),
        _ => status,
    };

    /// <summary>
    /// The last check-connections answer and the button that asks again. The button's answer replaces this section only;
    /// without JavaScript the form posts and the page comes back.
    /// </summary>
    public static string Connections(HttpContext context, IReadOnlyList<ConnectionResult>? last, bool running)
    {
        var button = $"""
            <form method="post" action="{ConnectionsPath}" class="inline" id="check-connections-form" hx-post="{ConnectionsPath}" hx-target="#connections"
             hx-swap="outerHTML" hx-sync="closest #health-body:replace" hx-disabled-elt="find button">{AdminForms.HiddenField(context)}<button type="submit" id="check-connections">{Html.E(T("Check connections now"))}</button>
             <span class="htmx-indicator muted">{Html.E(T("checking MoySklad and 1C…"))}</span></form>
            """;
        var note = running ? $"<p class=\"muted\" id=\"connections-running\">{Html.E(T("A check is running now; its answer shows here when it ends."))}</p>" : "";
        if (last is null)
            return $"""
                <section id="connections"><h2>{Html.E(T("External systems"))}</h2>{button}{note}
                <div class="notice" id="connections-never">{Html.E(T("Not checked since the hub started. \"Check connections now\" pings MoySklad and 1C with the configured credentials and looks up the configured names."))}</div></section>
                """;
        var rows = string.Concat(last.Select(r => $"""
            <tr class="connection" data-system="{Html.E(r.System)}" data-outcome="{Html.E(r.Outcome)}"><td>{Html.E(r.Label)}</td><td class="{(r.Ok ? "ok" : "bad")}">{Html.E(Outcome(r.Outcome))}</td>
            <td class="num">{(r.ElapsedMs is { } ms ? $"{N(ms)} {Html.E(T("ms"))}" : "—")}</td><td><code>{Html.E(r.BaseUrl)}</code></td><td>{Html.E(Said(r))}{Checks(r)}</td><td>{At(r.CheckedAt)}</td></tr>
            """));
        return $"""
            <section id="connections"><h2>{Html.E(T("External systems"))}</h2>{button}{note}
            <table id="connections-table"><thead><tr><th>{Html.E(T("System"))}</th><th>{Html.E(T("Result"))}</th><th>{Html.E(T("Round trip"))}</th><th>{Html.E(T("Address"))}</th><th>{Html.E(T("What the server said"))}</th><th>{Html.E(F("Checked at ({0})", AdminClock.Label))}</th></tr></thead>
            <tbody>{rows}</tbody></table></section>
            """;
    }

    // For a 1C base: each object the hub needs and what every transfer order names, one line each, what is missing first.
    private static string Checks(ConnectionResult r) => r.Lines.Count == 0 ? "" :
        "<ul class=\"checks\">" + string.Concat(r.Lines.OrderBy(l => l.Ok).Select(l =>
            $"<li class=\"{(l.Ok ? "ok" : "bad")}\" data-ok=\"{(l.Ok ? "true" : "false")}\">{Html.E(l.Ok ? T("present") : T("missing"))} <b>{Html.E(Subject(l))}</b>: {Html.E(Told(l))}</li>")) + "</ul>";

    /// <summary>A readiness line's subject: a 1C object's name as it is, the hub's own words in the reader's language.</summary>
    private static string Subject(Hub.Integrations.OneC.ReadinessLine l) =>
        l.SubjectTemplate is { } t && l.Args.Count > 0 ? F(t, l.Args[0]) : T(l.Subject);

    /// <summary>A readiness line's text from its parts, where it kept them; what it needs a set for is the hub's word too.</summary>
    private static string Told(Hub.Integrations.OneC.ReadinessLine l)
    {
        if (l.TextTemplate is not { } t) return l.Text;
        var args = (l.SubjectTemplate is null ? l.Args : l.Args.Skip(1)).ToArray();
        if (t == Hub.Integrations.OneC.ReadinessLine.NotPublished) args = args.Select(a => T($"needed for {a}")).ToArray();
        return F(t, args);
    }

    private static string Outcome(ConnectionOutcome outcome) => outcome switch
    {
        ConnectionOutcome.Ok => T("Connected"),
        ConnectionOutcome.NotConfigured => T("Connection failed: not configured"),
        ConnectionOutcome.NamesMissing => T("Connection failed: something the hub needs is missing"),
        _ => T("Connection failed"),
    };

    private static string Css(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "ok",
        HealthStatus.Degraded => "warn",
        _ => "bad",
    };

    /// <summary>A check's data as labelled lines; nested values (the external-references names) as JSON folded away, since the description already says it in words.</summary>
    private static string Data(IReadOnlyDictionary<string, object> data) =>
        data.Count == 0 ? "" : "<dl class=\"fields data\">" + string.Concat(data.Select(d => $"<dt data-key=\"{Html.E(d.Key)}\">{Html.E(DataKey(d.Key))}</dt><dd>{Value(d.Value)}</dd>")) + "</dl>";

    // The keys the hub's checks report; a key added later shows as the check names it.
    private static string DataKey(string key) => key switch
    {
        "round_trip_ms" => T("round trip, ms"),
        "server_version" => T("server version"),
        "queued" => T("queued"),
        "capacity" => T("capacity"),
        "written" => T("written"),
        "dropped" => T("dropped"),
        "consecutive_failures" => T("failed writes in a row"),
        "quarantined" => T("quarantined"),
        "last_error" => T("last error"),
        "last_error_at" => T("last error at"),
        "last_flush_at" => T("last write"),
        "state" => T("state"),
        "summary" => T("summary"),
        "names" => T("names"),
        "webhook" => T("webhook"),
        "webhook_secret" => T("webhook secret"),
        "telegram" => T("Telegram"),
        "telegram_bot_token" => T("Telegram bot token"),
        "digest" => T("daily digest"),
        _ => key,
    };

    // The notifications check says a channel is "off" or its secret "missing" in one word; other values are data.
    private static string DataWord(string value) => value switch
    {
        "off" => T("off"),
        "missing" => T("missing"),
        _ => value,
    };

    private static string Value(object? value) => value switch
    {
        null => "",
        string text => Html.E(DataWord(text)),
        DateTimeOffset t => At(t),
        int or long => N(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)),
        IFormattable => Html.E(value),
        IEnumerable => $"<details><summary>JSON</summary><code>{Html.E(JsonSerializer.Serialize(value, JsonOptions))}</code></details>",
        _ => Html.E(value),
    };

    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
