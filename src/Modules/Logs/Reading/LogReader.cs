using Hub.Contracts.Paging;
using Hub.Logs.Domain;
using Hub.Logs.ExportLogs;
using Hub.Logs.GetLogStats;
using Hub.Logs.SearchLogs;
using Hub.Logs.Writing;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hub.Logs.Reading;

/// <summary>
/// The Logs module's side of <see cref="ILogReader"/>: the admin pages read logs through it, by the API's own request
/// types and validators, so a page accepts what the API accepts and says what is wrong in the same words.
/// </summary>
public sealed class LogReader(IQuerySession session, BackgroundLogWriter writer, TimeProvider clock, IOptions<LogStatsOptions> statsOptions,
    ILogger<LogReader> logger) : ILogReader
{
    public IReadOnlyList<string> Check(LogQuery query) =>
        new SearchLogsValidator().Validate(ToSearch(query)).Errors.Select(e => e.ErrorMessage).ToArray();

    public async Task<LogPage> SearchAsync(LogQuery query, CancellationToken ct)
    {
        var request = ToSearch(query);
        var page = await SearchLogsHandler.Handle(new SearchLogs.SearchLogs(request.ToFilter(), query.PageSize, KeysetCursor.After(request.Next)), session, ct);
        return new LogPage(page.Items, page.Next);
    }

    public Task<IntegrationLog?> FindAsync(Guid id, CancellationToken ct) => session.LoadAsync<IntegrationLog>(id, ct);

    public IReadOnlyList<string> CheckExport(string? format, string? delimiter) =>
        new ExportLogsValidator().Validate(new ExportLogsRequest { Format = format, Delimiter = delimiter }).Errors.Select(e => e.ErrorMessage).ToArray();

    public Task ExportAsync(HttpContext context, LogQuery query, string? format, string? delimiter, CancellationToken ct)
    {
        var export = new ExportLogsRequest { Format = format, Delimiter = delimiter };
        return LogExportResponse.StreamAsync(context, session, ToSearch(query).ToFilter(), export.ParsedFormat, export.ParsedDelimiter, clock.GetUtcNow(), logger, ct);
    }

    public LogWriterStatus WriterStatus() => writer.Status();

    public async Task<LogFilterChoices> ChoicesAsync(int limit, CancellationToken ct)
    {
        var table = $"{session.DocumentStore.Options.DatabaseSchemaName}.{IntegrationLogMapping.TableName}";
        async Task<IReadOnlyList<string>> Distinct(string column) =>
            await session.AdvancedSql.QueryAsync<string>(LogChoicesSql.Distinct(table, column), ct, limit);
        // One after another: a session is one connection.
        return new LogFilterChoices(await Distinct("external_system"), await Distinct("status"), await Distinct("step"), await Distinct("process_name"));
    }

    public string TailStart(IReadOnlyList<IntegrationLog> shown)
    {
        if (shown.Count == 0) return new KeysetCursor(clock.GetUtcNow(), Guid.Empty).Encode();
        var newest = shown.MaxBy(l => (l.CreatedAt, l.Id))!;
        return new KeysetCursor(newest.CreatedAt, newest.Id).Encode();
    }

    public bool IsTailCursor(string? since) => KeysetCursor.TryDecode(since, out _);

    public async Task<LogTailPage> TailAsync(LogQuery query, string since, CancellationToken ct)
    {
        if (!KeysetCursor.TryDecode(since, out var after)) throw new ArgumentException("not a tail cursor", nameof(since));
        var (where, args) = ToSearch(query).ToFilter().ToSql();
        args.Add(after.Ts);
        args.Add(after.Id);
        args.Add(query.PageSize);
        // By created_at, as LogTail: a record's ts is its sender's, and one that comes late would slip behind a cursor on ts.
        // Oldest first, so a burst larger than a page is read on by the next poll instead of skipped. Like LogTail without
        // its overlap, a record committed after a later-received one was already shown is not tailed; the list has it.
        var rows = await session.QueryAsync<IntegrationLog>(
            $"{where} and (d.created_at, d.id) > (?, ?) order by d.created_at, d.id limit ?", ct, args.ToArray());
        var next = rows.Count == 0 ? since : new KeysetCursor(rows[^1].CreatedAt, rows[^1].Id).Encode();
        return new LogTailPage(rows.Reverse().ToArray(), next);
    }

    public TimeZoneInfo StatsZone => GetLogStatsRequest.ParseZone(null, statsOptions.Value.TimeZone) ?? TimeZoneInfo.Utc;

    public IReadOnlyList<string> CheckStats(string? bucket, string? tz, string? system, string? process) =>
        new GetLogStatsValidator().Validate(new GetLogStatsRequest { Bucket = bucket, Tz = tz, System = system, Process = process })
            .Errors.Select(e => e.ErrorMessage).ToArray();

    public StatsBucket? ParseBucket(string? bucket) => GetLogStatsRequest.ParseBucket(bucket);

    public TimeZoneInfo? ParseZone(string? tz) => GetLogStatsRequest.ParseZone(tz, StatsZone.Id);

    public async Task<IReadOnlyList<LogStatsRow>> StatsBySystemAsync(StatsBucket bucket, StatsRange range, TimeZoneInfo zone, string? system, string? process,
        CancellationToken ct) =>
        (await GetLogStatsHandler.Handle(new GetLogStats.GetLogStats(bucket, range, zone, StatsGrouping.System, system, process), session, ct)).Items;

    private static SearchLogsRequest ToSearch(LogQuery q) => new()
    {
        From = q.From, To = q.To, Level = q.Level, Status = q.Status, ExternalSystem = q.ExternalSystem, Step = q.Step, Process = q.Process,
        RunId = q.RunId, RequestId = q.RequestId, Text = q.Text, PageSize = q.PageSize, Next = q.Next,
    };
}
