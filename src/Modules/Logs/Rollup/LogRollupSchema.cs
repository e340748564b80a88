using Hub.Contracts.Logging;
using Hub.Logs.Domain;
using Marten;
using Weasel.Core;
using Weasel.Core.Migrations;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Hub.Logs.Rollup;

/// <summary>
/// Hourly rollups of the integration logs, kept by PostgreSQL itself as logs arrive.
///
/// Why a rollup, and why a trigger: stats over 30 days of millions of rows must not scan those rows per
/// request (a plain GROUP BY with p95 over 1M rows takes ~0.25 s warm, seconds cold, and grows with the
/// table), and the stats of periods that retention deleted must stay. So each hour × external system ×
/// process keeps its counts, the sum of elapsed_ms, and a histogram of elapsed_ms in log-spaced buckets
/// (<see cref="ElapsedHistogram"/>) from which p95 is read to within 5%. A statement-level AFTER trigger
/// with a transition table adds each inserted batch in one grouped upsert, whatever wrote it: the API's
/// Marten upsert, the writer's bulk COPY, Seq ingestion, a manual INSERT. Deletes are not subtracted, on
/// purpose: that is what keeps stats of pruned periods. An update moves a record from its old bucket to
/// its new one. Rows are upserted in key order, so concurrent batches lock rollup rows in one order and
/// cannot deadlock; the hot row of the current hour is held only for the length of a batch's transaction.
/// Registered as a Marten feature, so db-apply/db-assert and start-up migrations cover it like any table.
/// </summary>
public sealed class LogRollupSchema : FeatureSchemaBase
{
    public const string HourlyTable = "log_rollup_hourly";
    public const string ElapsedTable = "log_rollup_elapsed";
    public const string DailyTable = "log_rollup_daily";
    public const string DailyElapsedTable = "log_rollup_daily_elapsed";
    public const string ApplyFunction = "log_rollup_apply";
    public const string InsertTrigger = "log_rollup_on_insert";
    public const string UpdateTrigger = "log_rollup_on_update";

    private readonly StoreOptions _options;
    private readonly string _dayZone;

    /// <param name="dayZone">The IANA zone whose days the daily rollups follow (Logs:Stats:TimeZone).</param>
    public LogRollupSchema(StoreOptions options, string dayZone) : base("LogRollups", new PostgresqlMigrator())
    {
        _options = options;
        _dayZone = dayZone;
    }

    public string Schema => _options.DatabaseSchemaName;

    public override IEnumerable<Type> DependentTypes() => [typeof(IntegrationLog)];

    protected override IEnumerable<ISchemaObject> schemaObjects()
    {
        var sql = new LogRollupSql(Schema, $"{Schema}.{IntegrationLogMapping.TableName}", _dayZone);

        var hourly = new Table(new PostgresqlObjectName(Schema, HourlyTable, SchemaUtils.IdentifierUsage.General));
        hourly.AddColumn("hour", "timestamptz").AsPrimaryKey();
        hourly.AddColumn("external_system", "text").AsPrimaryKey();
        hourly.AddColumn("process_name", "text").AsPrimaryKey();
        foreach (var counter in LogRollupSql.Counters)
            hourly.AddColumn(counter, "bigint").NotNull().DefaultValueByExpression("0");
        yield return hourly;

        var elapsed = new Table(new PostgresqlObjectName(Schema, ElapsedTable, SchemaUtils.IdentifierUsage.General));
        elapsed.AddColumn("hour", "timestamptz").AsPrimaryKey();
        elapsed.AddColumn("external_system", "text").AsPrimaryKey();
        elapsed.AddColumn("process_name", "text").AsPrimaryKey();
        elapsed.AddColumn("bucket", "smallint").AsPrimaryKey();
        elapsed.AddColumn("count", "bigint").NotNull().DefaultValueByExpression("0");
        yield return elapsed;

        // The same counters per day of the configured zone: 180 days of one system are 180 rows instead of 4,320.
        var daily = new Table(new PostgresqlObjectName(Schema, DailyTable, SchemaUtils.IdentifierUsage.General));
        daily.AddColumn("day", "timestamptz").AsPrimaryKey();
        daily.AddColumn("external_system", "text").AsPrimaryKey();
        daily.AddColumn("process_name", "text").AsPrimaryKey();
        foreach (var counter in LogRollupSql.Counters)
            daily.AddColumn(counter, "bigint").NotNull().DefaultValueByExpression("0");
        yield return daily;

        var dailyElapsed = new Table(new PostgresqlObjectName(Schema, DailyElapsedTable, SchemaUtils.IdentifierUsage.General));
        dailyElapsed.AddColumn("day", "timestamptz").AsPrimaryKey();
        dailyElapsed.AddColumn("external_system", "text").AsPrimaryKey();
        dailyElapsed.AddColumn("process_name", "text").AsPrimaryKey();
        dailyElapsed.AddColumn("bucket", "smallint").AsPrimaryKey();
        dailyElapsed.AddColumn("count", "bigint").NotNull().DefaultValueByExpression("0");
        yield return dailyElapsed;

        yield return new LogRollupTriggers(Schema, IntegrationLogMapping.TableName, sql);
        yield return new LogDailyRollupFill(Schema, IntegrationLogMapping.TableName, sql);
    }
}

/// <summary>The SQL of the rollups, in one place for the trigger function, the first fill and the tests.</summary>
public sealed class LogRollupSql(string schema, string logTable, string dayZone = "UTC")
{
    public string DayZone => dayZone;

    /// <summary>
    /// Whether a zone's days between two instants start on whole UTC hours (every zone of Russia's since the 1920s; its
    /// rules of the 19th century had offsets like +2:30:17): then a day's rollup is exactly the sum of its hours'
    /// rollups, which is what lets stats read whole days from the daily rows and the edges from the hourly.
    /// </summary>
    public static bool DaysAlignWithHours(TimeZoneInfo zone, DateTimeOffset from, DateTimeOffset to) =>
        zone.BaseUtcOffset.Ticks % TimeSpan.TicksPerHour == 0
        && zone.GetAdjustmentRules()
            .Where(r => r.DateEnd >= from.UtcDateTime.Date.AddDays(-1) && r.DateStart <= to.UtcDateTime.Date.AddDays(1))
            .All(r => (zone.BaseUtcOffset + r.BaseUtcOffsetDelta).Ticks % TimeSpan.TicksPerHour == 0
                      && (zone.BaseUtcOffset + r.BaseUtcOffsetDelta + r.DaylightDelta).Ticks % TimeSpan.TicksPerHour == 0);
    public static readonly IReadOnlyList<string> Counters = ["total", "succeeded", "failed", "retrying", "elapsed_count", "elapsed_sum"];

    public string Hourly => $"{schema}.{LogRollupSchema.HourlyTable}";
    public string Elapsed => $"{schema}.{LogRollupSchema.ElapsedTable}";
    public string Daily => $"{schema}.{LogRollupSchema.DailyTable}";
    public string DailyElapsed => $"{schema}.{LogRollupSchema.DailyElapsedTable}";

    /// <summary>The hour a record counts in: whole UTC hours, whatever the session's time zone.</summary>
    public const string HourOf = "date_trunc('hour', n.ts, 'UTC')";
    public const string SystemOf = "coalesce(n.external_system, '')";
    public const string ElapsedOf = "(n.data ->> 'elapsed_ms')::bigint";

    /// <summary>The day of the configured zone a record counts in (its first instant); the zone is a checked IANA id.</summary>
    private string DayOf => $"date_trunc('day', n.ts, '{dayZone.Replace("'", "''")}')";

    /// <summary>Upserts the signed counts of <paramref name="source"/> (rows with ts, external_system, process_name, status, data, sign) into the hourly and the daily rollups.</summary>
    public string Upsert(string source) =>
        UpsertInto(source, Hourly, Elapsed, "hour", HourOf) + "\n" + UpsertInto(source, Daily, DailyElapsed, "day", DayOf);

    private static string UpsertInto(string source, string counts, string elapsed, string key, string keyOf) => $"""
        insert into {counts} as r ({key}, external_system, process_name, {string.Join(", ", Counters)})
        select {keyOf}, {SystemOf}, n.process_name,
               sum(n.sign),
               coalesce(sum(n.sign) filter (where n.status = '{LogStatuses.Success}'), 0),
               coalesce(sum(n.sign) filter (where n.status = '{LogStatuses.Failed}'), 0),
               coalesce(sum(n.sign) filter (where n.status = '{LogStatuses.Retrying}'), 0),
               coalesce(sum(n.sign) filter (where {ElapsedOf} is not null), 0),
               coalesce(sum(n.sign * {ElapsedOf}), 0)
        from {source} as n
        group by 1, 2, 3
        order by 1, 2, 3
        on conflict ({key}, external_system, process_name) do update set
            {string.Join(",\n    ", Counters.Select(c => $"{c} = r.{c} + excluded.{c}"))};
        insert into {elapsed} as e ({key}, external_system, process_name, bucket, count)
        select {keyOf}, {SystemOf}, n.process_name, {ElapsedHistogram.BucketSql(ElapsedOf)}, sum(n.sign)
        from {source} as n
        where {ElapsedOf} is not null
        group by 1, 2, 3, 4
        order by 1, 2, 3, 4
        on conflict ({key}, external_system, process_name, bucket) do update set count = e.count + excluded.count;
        """;

    /// <summary>
    /// Rebuilds the daily rollups from the hourly ones (which keep pruned periods too) and records their zone on the
    /// table, for a database that had only hourly rollups, after a change of the zone, or after the hourly first fill.
    /// Exact where the zone's offsets are whole hours, as every zone's in Russia are; the caller holds off writers.
    /// </summary>
    public string RefillDaily() => $"""
        truncate {Daily}, {DailyElapsed};
        insert into {Daily} (day, external_system, process_name, {string.Join(", ", Counters)})
        select date_trunc('day', h.hour, '{dayZone.Replace("'", "''")}'), h.external_system, h.process_name, {string.Join(", ", Counters.Select(c => $"sum(h.{c})"))}
        from {Hourly} h group by 1, 2, 3;
        insert into {DailyElapsed} (day, external_system, process_name, bucket, count)
        select date_trunc('day', e.hour, '{dayZone.Replace("'", "''")}'), e.external_system, e.process_name, e.bucket, sum(e.count)
        from {Elapsed} e group by 1, 2, 3, 4;
        comment on table {Daily} is '{dayZone.Replace("'", "''")}';
        """;

    private const string Columns = "ts, external_system, process_name, status, data";

    /// <summary>Written the way pg_get_functiondef renders it, so the schema check sees no difference once applied.</summary>
    public string ApplyFunction() => $"""
        CREATE OR REPLACE FUNCTION {schema}.{LogRollupSchema.ApplyFunction}()
         RETURNS trigger
         LANGUAGE plpgsql
        AS $function$
        begin
          if TG_OP = 'INSERT' then
            {Upsert($"(select {Columns}, 1 as sign from new_rows)")}
          else
            {Upsert($"(select {Columns}, 1 as sign from new_rows union all select {Columns}, -1 as sign from old_rows)")}
          end if;
          return null;
        end
        $function$;
        """;

    /// <summary>
    /// Fills the rollups of hours that have none from the logs already stored: an existing database gets its
    /// history when the rollups are first created; an hour that already has a rollup (maybe of logs pruned
    /// since) is left as it is.
    /// </summary>
    public string Backfill() => $"""
        with fresh as (
          insert into {Hourly} (hour, external_system, process_name, {string.Join(", ", Counters)})
          select {HourOf}, {SystemOf}, n.process_name, count(*),
                 count(*) filter (where n.status = '{LogStatuses.Success}'),
                 count(*) filter (where n.status = '{LogStatuses.Failed}'),
                 count(*) filter (where n.status = '{LogStatuses.Retrying}'),
                 count({ElapsedOf}), coalesce(sum({ElapsedOf}), 0)
          from {logTable} as n
          group by 1, 2, 3
          on conflict do nothing
          returning hour, external_system, process_name)
        insert into {Elapsed} (hour, external_system, process_name, bucket, count)
        select f.hour, f.external_system, f.process_name, {ElapsedHistogram.BucketSql(ElapsedOf)}, count(*)
        from {logTable} as n
        join fresh f on f.hour = {HourOf} and f.external_system = {SystemOf} and f.process_name = n.process_name
        where {ElapsedOf} is not null
        group by 1, 2, 3, 4
        on conflict do nothing;
        """;
}
