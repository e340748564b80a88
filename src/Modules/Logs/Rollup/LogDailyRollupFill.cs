using DbDataReader = System.Data.Common.DbDataReader;
using Weasel.Core;
using Weasel.Postgresql;

namespace Hub.Logs.Rollup;

/// <summary>
/// Keeps the daily rollups in the configured zone: the zone they were built in is the comment of the daily
/// table, and where it is missing (a database that had only hourly rollups) or differs (Logs:Stats:TimeZone
/// changed), the daily rollups are rebuilt from the hourly ones while writers wait, so no batch is counted twice
/// or lost between the rebuild and the trigger function, which already writes the new zone's days.
/// </summary>
public sealed class LogDailyRollupFill(string schema, string logTable, LogRollupSql sql) : ISchemaObject
{
    public DbObjectName Identifier { get; } = new PostgresqlObjectName(schema, LogRollupSchema.DailyTable + "_fill", SchemaUtils.IdentifierUsage.General);

    public void WriteCreateStatement(Migrator migrator, TextWriter writer)
    {
        writer.WriteLine("DO $rollup_daily$");
        writer.WriteLine("BEGIN");
        writer.WriteLine($"  LOCK TABLE {schema}.{logTable} IN SHARE ROW EXCLUSIVE MODE;");
        writer.WriteLine(sql.RefillDaily());
        writer.WriteLine("END");
        writer.WriteLine("$rollup_daily$;");
    }

    // The daily tables themselves are dropped with the rest of the feature; there is nothing of its own to drop.
    public void WriteDropStatement(Migrator rules, TextWriter writer) { }

    public void ConfigureQueryCommand(DbCommandBuilder builder) =>
        builder.Append($"""

            SELECT coalesce(obj_description(to_regclass('{schema}.{LogRollupSchema.DailyTable}'), 'pg_class'), '');

            """);

    public async Task<ISchemaObjectDelta> CreateDeltaAsync(DbDataReader reader, CancellationToken ct = default)
    {
        var zone = await reader.ReadAsync(ct) ? reader.GetString(0) : "";
        return new SchemaObjectDelta(this, zone == sql.DayZone ? SchemaPatchDifference.None : SchemaPatchDifference.Create);
    }

    public IEnumerable<DbObjectName> AllNames() => [Identifier];
}
