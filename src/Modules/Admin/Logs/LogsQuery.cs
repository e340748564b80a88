using Hub.Admin.Shell;
using Microsoft.AspNetCore.Http;

namespace Hub.Admin.Logs;

/// <summary>The Logs page's filter as it lives in the URL, so a view can be bookmarked and shared.</summary>
public sealed record LogsQuery
{
    public static readonly (string Value, string Label, TimeSpan Span)[] Periods =
    [
        ("15m", "last 15 minutes", TimeSpan.FromMinutes(15)), ("1h", "last hour", TimeSpan.FromHours(1)),
        ("24h", "last 24 hours", TimeSpan.FromHours(24)), ("7d", "last 7 days", TimeSpan.FromDays(7)), ("30d", "last 30 days", TimeSpan.FromDays(30)),
    ];

    public static readonly int[] PageSizes = [100, 250, 500, 1000, 2000];
    public static readonly int[] RefreshChoices = [0, 2, 5, 10, 30];

    public string? Period { get; init; }
    public string? From { get; init; }
    public string? To { get; init; }
    /// <summary>The levels ticked (several at once); the API takes them as one comma-separated list.</summary>
    public IReadOnlyList<string> Levels { get; init; } = [];
    public string? Level => Levels.Count == 0 ? null : string.Join(",", Levels);
    public string? Status { get; init; }
    public string? System { get; init; }
    public string? Step { get; init; }
    public string? Process { get; init; }
    public string? RunId { get; init; }
    /// <summary>One order's (or one request's) records: the run page links each order here.</summary>
    public string? RequestId { get; init; }
    public string? Text { get; init; }
    public int PageSize { get; init; }
    public int Refresh { get; init; }
    public string? Next { get; init; }
    /// <summary>The live tail is on: the page asks every few seconds for what arrived since and puts it on top.</summary>
    public bool Tail { get; init; }

    public static LogsQuery Parse(IQueryCollection q, AdminOptions options) => new()
    {
        Period = Value(q, "period"),
        From = Value(q, "from"),
        To = Value(q, "to"),
        // level=ERROR&level=WARNING from the checkboxes, level=ERROR,WARNING as the API writes it: both mean the same.
        Levels = q["level"].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(v => LogLevels.Normalize(v) ?? v)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToArray(),
        Status = Value(q, "status"),
        System = Value(q, "external_system"),
        Step = Value(q, "step"),
        Process = Value(q, "process"),
        RunId = Value(q, "run_id"),
        RequestId = Value(q, "request_id"),
        Text = Value(q, "text"),
        PageSize = int.TryParse(Value(q, "page_size"), out var size) ? Math.Clamp(size, AdminOptions.MinPageSize, AdminOptions.MaxPageSize) : options.PageSize,
        Refresh = int.TryParse(Value(q, "refresh"), out var refresh) ? (refresh <= 0 ? 0 : Math.Clamp(refresh, AdminOptions.MinPollSeconds, AdminOptions.MaxPollSeconds)) : options.PollSeconds,
        Next = Value(q, "next"),
        Tail = Value(q, "tail") is "1" or "on" or "true",
    };

    private static string? Value(IQueryCollection q, string name) => q[name].ToString() is { Length: > 0 } v ? v.Trim() : null;

    /// <summary>Checked by the Logs module by the API's own rules, so the page accepts exactly what GET /api/v1/logs accepts.</summary>
    public (LogQuery Request, IReadOnlyList<string> Errors) ToSearch(DateTimeOffset now, ILogReader reader)
    {
        var errors = new List<string>();
        DateTimeOffset? ParseTime(string? text, string name)
        {
            if (text is null) return null;
            if (AdminClock.TryParse(text, out var t)) return t;
            errors.Add(string.Format(AdminText.T("{0} is not a date and time (use e.g. 23.11.2026 09:00, read as {1}, or 2026-11-23T06:00Z)"), name, AdminClock.Label));
            return null;
        }
        var from = ParseTime(From, "from");
        var to = ParseTime(To, "to");
        if (from is null && Periods.FirstOrDefault(p => p.Value == Period) is { Value: not null } period) from = now - period.Span;
        var request = new LogQuery
        {
            From = from, To = to, Level = Level, Status = Status, ExternalSystem = System, Step = Step, Process = Process,
            RunId = RunId, RequestId = RequestId, Text = Text, PageSize = PageSize, Next = Next,
        };
        errors.AddRange(reader.Check(request));
        return (request, errors);
    }

    /// <summary>This filter with one value set by a click on it in a row: the other filters stay, the cursor goes.</summary>
    public LogsQuery With(string name, string value) => name switch
    {
        "level" => this with { Levels = [value], Next = null },
        "status" => this with { Status = value, Next = null },
        "external_system" => this with { System = value, Next = null },
        "step" => this with { Step = value, Next = null },
        "process" => this with { Process = value, Next = null },
        "run_id" => this with { RunId = value, Next = null },
        "request_id" => this with { RequestId = value, Next = null },
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a filter of the Logs page"),
    };

    /// <summary>The query string of this filter; <paramref name="next"/> replaces the cursor.</summary>
    public string ToQueryString(string? next = null, bool withNext = false)
    {
        var pairs = new List<(string Name, string? Value)>
        {
            ("period", Period), ("from", From), ("to", To),
        };
        pairs.AddRange(Levels.Select(l => ("level", (string?)l)));
        pairs.AddRange(new (string, string?)[]
        {
            ("status", Status), ("external_system", System),
            ("step", Step), ("process", Process), ("run_id", RunId), ("request_id", RequestId), ("text", Text),
            ("page_size", PageSize.ToString(global::System.Globalization.CultureInfo.InvariantCulture)),
            ("refresh", Refresh.ToString(global::System.Globalization.CultureInfo.InvariantCulture)),
            ("tail", Tail ? "1" : null),
        });
        if (withNext) pairs.Add(("next", next));
        return Html.QueryString(pairs);
    }
}
