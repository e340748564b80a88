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
/// Reads stats from the rollups (<see cref="LogRollupSchema"/>), never from the logs. Hours, and days of a zone other
/// than the one the daily rollups follow, come from the hourly rollups (a month of one system: ~720 rows); days of
/// that zone come from a row a day for the days wholly inside the range and from the hourly rows only for its partial
/// first and last day (180 days of one system: ~180 rows plus at most 46). Both read exactly the hours h with
/// from ≤ h &lt; to, so the numbers are the same whichever rows answer. Counts and averages are exact; p95 comes from
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
        var from = query.Range.From.ToUniversalTime();
        var to = query.Range.To.ToUniversalTime();

        await using var connection = session.Database.CreateConnection(ConnectionUsage.Read);
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);

        // The days wholly inside the range, when the daily rollups can answer them: day buckets of the zone they were
        // built in (kept as their table's comment, see LogDailyRollupFill).
        (DateTimeOffset First, DateTimeOffset End)? wholeDays = null;
        if (query.Bucket == StatsBucket.Day && LogRollupSql.DaysAlignWithHours(query.Zone, query.Range.From, query.Range.To))
        {
            await using var zoneOf = new NpgsqlCommand(
                $"select coalesce(obj_description(to_regclass('{sql.Daily}'), 'pg_class'), '')", connection, transaction);
            if ((string?)await zoneOf.ExecuteScalarAsync(ct) == query.Zone.Id)
            {
                var fromDay = TimeZoneInfo.ConvertTime(from, query.Zone).Date;
                var first = StartOf(fromDay, query.Zone) is var d && d == from ? d : StartOf(fromDay.AddDays(1), query.Zone);
                var end = StartOf(TimeZoneInfo.ConvertTime(to, query.Zone).Date, query.Zone);
                if (first < end) wholeDays = (first, end);
            }
        }

        var args = new List<object>();
        var filters = new StringBuilder();
        var filterArgs = new List<object>();
        if (query.ExternalSystem is not null) { filters.Append(" and r.external_system = ?"); filterArgs.Add(query.ExternalSystem); }
        if (query.Process is not null) { filters.Append(" and r.process_name = ?"); filterArgs.Add(query.Process); }

        // The rollup rows of the range as (at, external_system, process_name, columns…), at being an hour or a day.
        string Rows(string hourly, string daily, string columns)
        {
            if (wholeDays is not { } days)
            {
                args.Add(from); args.Add(to); args.AddRange(filterArgs);
                return $"(select r.hour as at, r.external_system, r.process_name, {columns} from {hourly} r where r.hour >= ? and r.hour < ?{filters})";
            }
            args.Add(days.First); args.Add(days.End); args.AddRange(filterArgs);
            args.Add(from); args.Add(days.First); args.Add(days.End); args.Add(to); args.AddRange(filterArgs);
            return $"(select r.day as at, r.external_system, r.process_name, {columns} from {daily} r where r.day >= ? and r.day < ?{filters} " +
                   $"union all select r.hour, r.external_system, r.process_name, {columns} from {hourly} r " +
                   $"where (r.hour >= ? and r.hour < ? or r.hour >= ? and r.hour < ?){filters})";
        }
        string Period()
        {
            if (query.Bucket == StatsBucket.Hour) return "r.at";
            args.Add(query.Zone.Id);
            return "date_trunc('day', r.at, ?)";
        }

        var counters = string.Join(", ", LogRollupSql.Counters.Select(c => $"r.{c}"));
        var text = new StringBuilder();
        text.Append($"with h as (select {Period()} as period{groupList}, sum(r.total) as total, sum(r.succeeded) as succeeded, ");
        text.Append("sum(r.failed) as failed, sum(r.retrying) as retrying, sum(r.elapsed_count) as elapsed_count, sum(r.elapsed_sum) as elapsed_sum ");
        text.Append($"from {Rows(sql.Hourly, sql.Daily, counters)} r group by {ordinals}), ");
        text.Append($"b as (select {Period()} as period{groupList}, r.bucket, sum(r.count) as n from {Rows(sql.Elapsed, sql.DailyElapsed, "r.bucket, r.count")} r group by {ordinals}, r.bucket), ");
        text.Append($"c as (select b.*, sum(n) over (partition by {partition} order by bucket) as cum, sum(n) over (partition by {partition}) as tot from b), ");
        text.Append($"p as (select {partition}, min(bucket) filter (where cum >= ceil(0.95 * tot)) as p95 from c where tot > 0 group by {partition}) ");
        text.Append($"select h.period{string.Concat(groups.Select(g => $", h.{g}"))}, h.total, h.succeeded, h.failed, h.retrying, ");
        text.Append("case when h.elapsed_count > 0 then h.elapsed_sum::float8 / h.elapsed_count end, ");
        text.Append($"{ElapsedHistogram.ValueSql("p.p95")} ");
        text.Append($"from h left join p using ({partition}) where h.total <> 0 order by {ordinals}");

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

    /// <summary>The first instant of a date in the zone, in UTC.</summary>
    private static DateTimeOffset StartOf(DateTime date, TimeZoneInfo zone) =>
        new DateTimeOffset(date, zone.GetUtcOffset(date)).ToUniversalTime();
}
