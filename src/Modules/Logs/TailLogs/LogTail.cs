using System.Globalization;
using System.Text;
using Hub.Logs.Domain;
using Hub.Logs.Querying;
using Marten;

namespace Hub.Logs.TailLogs;

/// <summary>
/// Follows the logs a filter selects as they are stored, by created_at (when the hub received a record; ts is
/// when it happened, and late records would slip behind a cursor on ts). Each poll looks back an overlap
/// window before its cursor and skips what it already returned, so a record whose commit came a little after
/// a later one is still shown once. A record committed more than the overlap after it was received (a writer
/// held back by a database outage) can be missed: tail is a live view, the list and export are the record.
/// </summary>
public sealed class LogTail(IDocumentStore store, LogFilter filter, TimeSpan overlap, TimeProvider clock)
{
    private const int PageSize = 1000;
    private readonly Dictionary<Guid, DateTimeOffset> _seen = [];
    private DateTimeOffset _cursor = clock.GetUtcNow();

    /// <summary>The newest <paramref name="count"/> matching records, oldest first; following starts after them.</summary>
    public async Task<IReadOnlyList<IntegrationLog>> LastAsync(int count, CancellationToken ct)
    {
        // What is already stored counts as shown, or the first poll would print the overlap window's older records.
        await NextAsync(ct);
        if (count <= 0) return [];
        var (where, args) = filter.ToSql();
        args.Add(count);
        await using var session = store.QuerySession();
        var rows = await session.QueryAsync<IntegrationLog>($"{where} order by d.created_at desc, d.id desc limit ?", ct, args.ToArray());
        foreach (var row in rows) _seen[row.Id] = row.CreatedAt;
        return rows.Reverse().ToList();
    }

    /// <summary>The matching records stored since the last call, in the order they were received.</summary>
    public async Task<IReadOnlyList<IntegrationLog>> NextAsync(CancellationToken ct)
    {
        var fresh = new List<IntegrationLog>();
        var from = _cursor - overlap;
        (DateTimeOffset CreatedAt, Guid Id) after = (from, Guid.Empty);
        await using var session = store.QuerySession();
        while (true)
        {
            var (where, args) = filter.ToSql();
            args.Add(after.CreatedAt);
            args.Add(after.Id);
            args.Add(PageSize);
            var page = await session.QueryAsync<IntegrationLog>(
                $"{where} and (d.created_at, d.id) > (?, ?) order by d.created_at, d.id limit ?", ct, args.ToArray());
            foreach (var row in page)
                if (_seen.TryAdd(row.Id, row.CreatedAt)) fresh.Add(row);
            if (page.Count < PageSize) break;
            after = (page[^1].CreatedAt, page[^1].Id);
        }
        if (fresh.Count > 0) _cursor = fresh.Max(r => r.CreatedAt) > _cursor ? fresh.Max(r => r.CreatedAt) : _cursor;
        foreach (var (id, at) in _seen.Where(s => s.Value < _cursor - overlap).ToList()) _seen.Remove(id);
        return fresh;
    }

    /// <summary>One record as one console line: time, level, system, process/step, status, duration, message, run.</summary>
    public static string Format(IntegrationLog log)
    {
        var line = new StringBuilder(160);
        line.Append(log.Ts.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture)).Append("Z ");
        line.Append(log.LogLevel.PadRight(8));
        if (log.ExternalSystem is not null) line.Append(log.ExternalSystem).Append(' ');
        line.Append(log.ProcessName);
        if (log.Step is not null) line.Append('/').Append(log.Step);
        if (log.Status is not null) line.Append(' ').Append(log.Status);
        if (log.ElapsedMs is { } ms) line.Append(' ').Append(ms.ToString(CultureInfo.InvariantCulture)).Append(" ms");
        if (log.Message is not null) line.Append(" — ").Append(OneLine(log.Message));
        if (log.ErrorMessage is not null) line.Append(" [error: ").Append(OneLine(log.ErrorMessage)).Append(']');
        if (log.RunId is { } run) line.Append(" run=").Append(run);
        return line.ToString();
    }

    private static string OneLine(string text) => text.Replace("\r\n", " ⏎ ").Replace('\n', ' ').Replace('\r', ' ');
}
