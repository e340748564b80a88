using Hub.Contracts.Paging;
using System.Text;
using Hub.Contracts.Logging;
using Hub.Logs.Search;

namespace Hub.Logs.Querying;

/// <summary>The filters every read of logs shares (list, export, stats, tail), already validated.</summary>
public sealed record LogFilter
{
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }
    public IReadOnlyList<string> Levels { get; init; } = [];
    public IReadOnlyList<string> Statuses { get; init; } = [];
    public string? Process { get; init; }
    public string? Step { get; init; }
    public string? ExternalSystem { get; init; }
    public Guid? RunId { get; init; }
    public Guid? RequestId { get; init; }
    public Guid? JobId { get; init; }
    public string? Text { get; init; }

    /// <summary>
    /// SQL over Marten's table with '?' placeholders. Every condition hits a duplicated, indexed column
    /// except the text search, which only narrows rows the other conditions and the keyset already bound.
    /// </summary>
    public (string Where, List<object> Args) ToSql(KeysetCursor? after = null)
    {
        var sql = new StringBuilder("where true");
        var args = new List<object>();
        void Add(string condition, object value) { sql.Append(" and ").Append(condition); args.Add(value); }

        if (From is { } from) Add("d.ts >= ?", from.ToUniversalTime());
        if (To is { } to) Add("d.ts < ?", to.ToUniversalTime());
        if (Levels.Count == 1) Add("d.log_level = ?", Levels[0]);
        else if (Levels.Count > 1) Add("d.log_level = any(?)", Levels.ToArray());
        if (Statuses.Count == 1) Add("d.status = ?", Statuses[0]);
        else if (Statuses.Count > 1) Add("d.status = any(?)", Statuses.ToArray());
        if (Process is not null) Add("d.process_name = ?", Process);
        if (Step is not null) Add("d.step = ?", Step);
        if (ExternalSystem is not null) Add("d.external_system = ?", ExternalSystem);
        if (RunId is { } run) Add("d.run_id = ?", run);
        if (RequestId is { } req) Add("d.request_id = ?", req);
        if (JobId is { } job) Add("d.job_id = ?", job);
        if (Text is { Length: > 0 } text)
        {
            // The very expression of the trigram index (message, error, step and the JSON of payload, details and the
            // request and response bodies), so PostgreSQL answers from the index: see LogSearchSchema.
            Add($"{LogSearchText.Of("d")} ilike ?", LogSearchText.Pattern(text));
        }
        if (after is { } cursor)
        {
            // Row comparison matches the (ts, id) index order, so a deep page costs what the first costs.
            sql.Append(" and (d.ts, d.id) < (?, ?)");
            args.Add(cursor.Ts);
            args.Add(cursor.Id);
        }
        return (sql.ToString(), args);
    }

    public static IReadOnlyList<string> SplitList(string? value, Func<string, string?> normalize) =>
        string.IsNullOrWhiteSpace(value)
            ? []
            : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(v => normalize(v) ?? v).Distinct().ToArray();

    public static string? NormalizeLevel(string level) => LogLevels.Normalize(level);
}
