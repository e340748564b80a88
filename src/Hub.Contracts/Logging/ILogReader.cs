using Microsoft.AspNetCore.Http;

namespace Hub.Contracts.Logging;

/// <summary>
/// A log query as the logs API takes it (GET /api/v1/logs): the same names, the same text before it is checked, so a page
/// that builds one is refused with the API's own words.
/// </summary>
public sealed record LogQuery
{
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }
    public string? Level { get; init; }
    public string? Status { get; init; }
    public string? ExternalSystem { get; init; }
    public string? Step { get; init; }
    public string? Process { get; init; }
    public string? RunId { get; init; }
    public string? RequestId { get; init; }
    public string? Text { get; init; }
    public int PageSize { get; init; } = 500;
    public string? Next { get; init; }
}

/// <summary>One page of log records, newest first, and the cursor of the next.</summary>
public sealed record LogPage(IReadOnlyList<IntegrationLog> Items, string? Next);

/// <summary>The values the choice filters of the Logs page offer: those that exist in the stored records, sorted.</summary>
public sealed record LogFilterChoices(IReadOnlyList<string> Systems, IReadOnlyList<string> Statuses, IReadOnlyList<string> Steps, IReadOnlyList<string> Processes);

/// <summary>Records received after a tail cursor, newest first, and the cursor to follow on from (the same when none came).</summary>
public sealed record LogTailPage(IReadOnlyList<IntegrationLog> Items, string Since);

/// <summary>How the background writer is doing: what the Health page shows of the Logs module.</summary>
public sealed record LogWriterStatus(
    int Queued, int Capacity, long Written, long Dropped, long ConsecutiveFailures, long Quarantined,
    string? LastError, DateTimeOffset? LastErrorAt, DateTimeOffset? LastFlushAt);

/// <summary>What the Logs module lets other modules read (the admin pages), through the same rules as its API.</summary>
public interface ILogReader
{
    /// <summary>What is wrong with a query, in the API's words; empty when it is fine.</summary>
    IReadOnlyList<string> Check(LogQuery query);

    Task<LogPage> SearchAsync(LogQuery query, CancellationToken ct);

    Task<IntegrationLog?> FindAsync(Guid id, CancellationToken ct);

    /// <summary>What is wrong with an export's format (csv, ndjson) and delimiter, in the API's words.</summary>
    IReadOnlyList<string> CheckExport(string? format, string? delimiter);

    /// <summary>Streams the matching records to the response, as GET /api/v1/logs/export does.</summary>
    Task ExportAsync(HttpContext context, LogQuery query, string? format, string? delimiter, CancellationToken ct);

    LogWriterStatus WriterStatus();

    /// <summary>
    /// The distinct systems, statuses, steps and processes stored, at most <paramref name="limit"/> of each: read by a skip
    /// scan of each column's index (one index probe per value), never by a scan of the records.
    /// </summary>
    Task<LogFilterChoices> ChoicesAsync(int limit, CancellationToken ct);

    /// <summary>
    /// Where a tail that starts from a shown page follows on: after the newest received of <paramref name="shown"/>, or
    /// from now when nothing is shown.
    /// </summary>
    string TailStart(IReadOnlyList<IntegrationLog> shown);

    /// <summary>Whether a tail cursor is one <see cref="TailStart"/> or <see cref="TailAsync"/> returned.</summary>
    bool IsTailCursor(string? since);

    /// <summary>
    /// The records matching the query's filter (its paging aside) received after <paramref name="since"/>, by the time the
    /// hub received them (created_at): at most the query's page size, the oldest of them first read so none is skipped.
    /// </summary>
    Task<LogTailPage> TailAsync(LogQuery query, string since, CancellationToken ct);

    /// <summary>The zone stats are shown in unless a request names one (Logs:Stats:TimeZone).</summary>
    TimeZoneInfo StatsZone { get; }

    /// <summary>What is wrong with a stats request's bucket (hour, day), zone, system and process, in the API's words.</summary>
    IReadOnlyList<string> CheckStats(string? bucket, string? tz, string? system, string? process);

    StatsBucket? ParseBucket(string? bucket);

    TimeZoneInfo? ParseZone(string? tz);

    /// <summary>Stats of the range by period and system, from the rollups behind GET /api/v1/logs/stats.</summary>
    Task<IReadOnlyList<LogStatsRow>> StatsBySystemAsync(StatsBucket bucket, StatsRange range, TimeZoneInfo zone, string? system, string? process, CancellationToken ct);
}

/// <summary>One period (of one system and process where grouped): counts, average and p95 of elapsed_ms.</summary>
public sealed record LogStatsRow(
    DateTimeOffset Period, string? ExternalSystem, string? ProcessName,
    long Total, long Succeeded, long Failed, long Retrying, double? AvgElapsedMs, long? P95ElapsedMs);

