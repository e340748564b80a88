using Hub.Contracts.Paging;
using Hub.Logs.Domain;
using Hub.Logs.Querying;
using Marten;

namespace Hub.Logs.SearchLogs;

public sealed record SearchLogs(LogFilter Filter, int PageSize, KeysetCursor? After);

/// <summary>A page of logs, newest first, and the cursor of the next page (null on the last page).</summary>
public sealed record SearchLogsResponse(IReadOnlyList<IntegrationLog> Items, string? Next, int PageSize);

/// <summary>Reads one keyset page; one row more than asked tells whether another page exists without a COUNT.</summary>
public static class SearchLogsHandler
{
    public static async Task<SearchLogsResponse> Handle(SearchLogs query, IQuerySession session, CancellationToken ct)
    {
        var (where, args) = query.Filter.ToSql(query.After);
        args.Add(query.PageSize + 1);
        var rows = await session.QueryAsync<IntegrationLog>($"{where} order by d.ts desc, d.id desc limit ?", ct, args.ToArray());
        var hasMore = rows.Count > query.PageSize;
        var items = hasMore ? rows.Take(query.PageSize).ToArray() : rows.ToArray();
        var next = hasMore ? new KeysetCursor(items[^1].Ts, items[^1].Id).Encode() : null;
        return new SearchLogsResponse(items, next, query.PageSize);
    }
}
