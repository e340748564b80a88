using System.Text;
using Hub.Logs.Querying;
using Hub.Logs.Rollup;
using Marten;
using Marten.Storage;
using Npgsql;

namespace Hub.Logs.GetLogStats;

/// <summary>What the stats are grouped by besides the period.</summary>
[Flags]
public enum StatsGrouping { None = 0, System = 1, Process = 2 }

public sealed record GetLogStats(StatsBucket Bucket, StatsRange Range, TimeZoneInfo Zone, StatsGrouping GroupBy,
    string? ExternalSystem = null, string? Process = null);

public sealed record LogStatsResponse(
    string Bucket, DateTimeOffset From, DateTimeOffset To, string TimeZone, IReadOnlyList<string> GroupBy, IReadOnlyList<LogStatsRow> Items);

/// <summary>
/// Reads stats from the hourly rollups (<see cref="LogRollupSchema"/>), never from the logs: a month of
/// one system is ~720 rollup rows however many logs it had. Counts and averages are exact; p95 comes from
/// the merged elapsed histograms (nearest rank, within 5%).
/// </summary>
public static class GetLogStatsHandler
{
    public static async Task<LogStatsResponse> Handle(GetLogStats query, IQuerySession session, CancellationToken ct)
    {
        var schema = session.DocumentStore.Options.DatabaseSchemaName;
        var sql = new LogRollupSql(schema, "");
        var groups = new List<string>();
        if (query.GroupBy.HasFlag(StatsGrouping.System)) groups.Add("external_system");
        if (query.GroupBy.HasFlag(StatsGrouping.Process)) groups.Add("process_name");
        var groupList = string.Concat(groups.Select(g => $", r.{g}"));
        var groupKeys = string.Concat(groups.Select(g => $", {g}"));
        var partition = "period" + groupKeys;
        var ordinals = string.Join(", ", Enumerable.Range(1, 1 + groups.Count));

        var args = new List<object>();
        var where = new StringBuilder("r.hour >= ? and r.hour < ?");
        var whereArgs = new List<object> { query.Range.From.ToUniversalTime(), query.Range.To.ToUniversalTime() };
        if (query.ExternalSystem is not null) { where.Append(" and r.external_system = ?"); whereArgs.Add(query.ExternalSystem); }
        if (query.Process is not null) { where.Append(" and r.process_name = ?"); whereArgs.Add(query.Process); }
        string Period()
        {
            if (query.Bucket == StatsBucket.Hour) return "r.hour";
            args.Add(query.Zone.Id);
            return "date_trunc('day', r.hour, ?)";
        }

        var text = new StringBuilder();
        text.Append($"with h as (select {Period()} as period{groupList}, sum(r.total) as total, sum(r.succeeded) as succeeded, ");
        text.Append("sum(r.failed) as failed, sum(r.retrying) as retrying, sum(r.elapsed_count) as elapsed_count, sum(r.elapsed_sum) as elapsed_sum ");
        text.Append($"from {sql.Hourly} r where {where} group by {ordinals}), ");
        args.AddRange(whereArgs);
        text.Append($"b as (select {Period()} as period{groupList}, r.bucket, sum(r.count) as n from {sql.Elapsed} r where {where} group by {ordinals}, r.bucket), ");
        args.AddRange(whereArgs);
        text.Append($"c as (select b.*, sum(n) over (partition by {partition} order by bucket) as cum, sum(n) over (partition by {partition}) as tot from b), ");
        text.Append($"p as (select {partition}, min(bucket) filter (where cum >= ceil(0.95 * tot)) as p95 from c where tot > 0 group by {partition}) ");
        text.Append($"select h.period{string.Concat(groups.Select(g => $", h.{g}"))}, h.total, h.succeeded, h.failed, h.retrying, ");
        text.Append("case when h.elapsed_count > 0 then h.elapsed_sum::float8 / h.elapsed_count end, ");
        text.Append($"{ElapsedHistogram.ValueSql("p.p95")} ");
        text.Append($"from h left join p using ({partition}) where h.total <> 0 order by {ordinals}");

        await using var connection = session.Database.CreateConnection(ConnectionUsage.Read);
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        // A month by system and process merges ~100k histogram rows; with the default 4 MB PostgreSQL sorts them on
        // disk. Local to this transaction, so no pooled connection keeps it.
        await using (var memory = new NpgsqlCommand("set local work_mem = '32MB'", connection, transaction))
            await memory.ExecuteNonQueryAsync(ct);
        await using var command = PositionalSql.Command(connection, text.ToString(), args);
        command.Transaction = transaction;
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<LogStatsRow>();
        while (await reader.ReadAsync(ct))
        {
            var i = 0;
            var period = TimeZoneInfo.ConvertTime(reader.GetFieldValue<DateTimeOffset>(i++), query.Zone);
            string? system = null, process = null;
            if (query.GroupBy.HasFlag(StatsGrouping.System)) system = reader.GetString(i++) is { Length: > 0 } s ? s : null;
            if (query.GroupBy.HasFlag(StatsGrouping.Process)) process = reader.GetString(i++);
            var total = (long)reader.GetDecimal(i++);
            var succeeded = (long)reader.GetDecimal(i++);
            var failed = (long)reader.GetDecimal(i++);
            var retrying = (long)reader.GetDecimal(i++);
            double? avg = reader.IsDBNull(i) ? null : Math.Round(reader.GetDouble(i), 1);
            i++;
            long? p95 = reader.IsDBNull(i) ? null : reader.GetInt64(i);
            rows.Add(new LogStatsRow(period, system, process, total, succeeded, failed, retrying, avg, p95));
        }

        return new LogStatsResponse(query.Bucket == StatsBucket.Hour ? "hour" : "day",
            TimeZoneInfo.ConvertTime(query.Range.From, query.Zone), TimeZoneInfo.ConvertTime(query.Range.To, query.Zone),
            query.Zone.Id, groups, rows);
    }
}
