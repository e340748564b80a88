using DbDataReader = System.Data.Common.DbDataReader;
using Weasel.Core;
using Weasel.Postgresql;

namespace Hub.Logs.Rollup;

/// <summary>
/// The function and the two statement-level triggers that feed the rollups, as one schema object: Weasel's own
/// function object replaces a changed function with DROP … CASCADE, which drops the triggers too after their own check
/// found them present, so a hub upgraded with a new rollup function (the daily rollups) stopped counting for good.
/// Here a change of either is written as the whole: triggers dropped, function replaced, rollups filled, triggers created. Weasel's own trigger object cannot declare
/// transition tables (REFERENCING NEW TABLE), which is what lets one upsert count a whole batch, so this
/// schema object writes them itself and compares them with pg_get_triggerdef.
/// Created together with the first fill of the rollups, in one DO block that holds off writers meanwhile:
/// no record is counted twice or missed between the fill and the trigger.
/// </summary>
public sealed class LogRollupTriggers(string schema, string logTable, LogRollupSql sql) : ISchemaObject
{
    public DbObjectName Identifier { get; } = new PostgresqlObjectName(schema, LogRollupSchema.InsertTrigger, SchemaUtils.IdentifierUsage.General);

    private string Target => $"{schema}.{logTable}";
    private string Function => $"{schema}.{LogRollupSchema.ApplyFunction}()";

    /// <summary>The definitions as pg_get_triggerdef renders them, in trigger-name order.</summary>
    private string[] Definitions =>
    [
        $"CREATE TRIGGER {LogRollupSchema.InsertTrigger} AFTER INSERT ON {Target} REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION {Function}",
        $"CREATE TRIGGER {LogRollupSchema.UpdateTrigger} AFTER UPDATE ON {Target} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION {Function}",
    ];

    public void WriteCreateStatement(Migrator migrator, TextWriter writer)
    {
        WriteDropStatement(migrator, writer);
        writer.WriteLine(sql.ApplyFunction());
        writer.WriteLine("DO $rollup_setup$");
        writer.WriteLine("BEGIN");
        writer.WriteLine($"  LOCK TABLE {Target} IN SHARE ROW EXCLUSIVE MODE;");
        writer.WriteLine(sql.Backfill());
        writer.WriteLine(sql.RefillDaily());
        foreach (var definition in Definitions) writer.WriteLine($"  {definition};");
        writer.WriteLine("END");
        writer.WriteLine("$rollup_setup$;");
    }

    public void WriteDropStatement(Migrator rules, TextWriter writer)
    {
        writer.WriteLine($"DROP TRIGGER IF EXISTS {LogRollupSchema.InsertTrigger} ON {Target};");
        writer.WriteLine($"DROP TRIGGER IF EXISTS {LogRollupSchema.UpdateTrigger} ON {Target};");
    }

    public void ConfigureQueryCommand(DbCommandBuilder builder)
    {
        // Names come from code and the configured schema; quoted as literals, they need no parameters.
        builder.Append($"""

            SELECT kind, definition FROM (
              SELECT 'trigger' AS kind, t.tgname::text AS name, pg_get_triggerdef(t.oid) AS definition
              FROM pg_trigger t
              JOIN pg_class c ON c.oid = t.tgrelid
              JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE NOT t.tgisinternal
                AND t.tgname IN ({Literal(LogRollupSchema.InsertTrigger)}, {Literal(LogRollupSchema.UpdateTrigger)})
                AND c.relname = {Literal(logTable)}
                AND n.nspname = {Literal(schema)}
              UNION ALL
              SELECT 'function', p.proname::text, pg_get_functiondef(p.oid)
              FROM pg_proc p
              JOIN pg_namespace n ON n.oid = p.pronamespace
              WHERE p.proname = {Literal(LogRollupSchema.ApplyFunction)} AND n.nspname = {Literal(schema)}
              UNION ALL
              SELECT 'table', c.relname::text, c.relkind::text
              FROM pg_class c
              JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE c.relname = {Literal(logTable)} AND n.nspname = {Literal(schema)}
            ) AS existing
            ORDER BY kind, name;

            """);
    }

    public async Task<ISchemaObjectDelta> CreateDeltaAsync(DbDataReader reader, CancellationToken ct = default)
    {
        var triggers = new List<string>();
        string? function = null, tableKind = null;
        while (await reader.ReadAsync(ct))
        {
            switch (reader.GetString(0))
            {
                case "function": function = reader.GetString(1); break;
                case "table": tableKind = reader.GetString(1); break;
                default: triggers.Add(reader.GetString(1)); break;
            }
        }
        // A log table that is not yet partitioned is rebuilt by Marten in this same migration (copied out, dropped with
        // its triggers, created partitioned, copied back), after this check has run: the triggers are then written again
        // behind it (the fill only adds hours it does not have, so nothing is counted twice).
        var same = tableKind == Partitions.LogPartitions.PartitionedKind && function is not null && Normalize(function) == Normalize(sql.ApplyFunction())
                   && triggers.Select(Normalize).SequenceEqual(Definitions.Select(Normalize));
        // Create, never Update: the create statement replaces whatever part exists, so it is also the update.
        return new SchemaObjectDelta(this, same ? SchemaPatchDifference.None : SchemaPatchDifference.Create);
    }

    public IEnumerable<DbObjectName> AllNames() =>
    [
        Identifier, new PostgresqlObjectName(schema, LogRollupSchema.UpdateTrigger, SchemaUtils.IdentifierUsage.General),
        new PostgresqlObjectName(schema, LogRollupSchema.ApplyFunction, SchemaUtils.IdentifierUsage.General),
    ];

    private static string Literal(string value) => "'" + value.Replace("'", "''") + "'";

    // pg_get_triggerdef qualifies names only when they are not on the reading session's search_path.
    private string Normalize(string definition) =>
        new string(definition.Where(c => !char.IsWhiteSpace(c) && c != '"').ToArray()).TrimEnd(';').ToUpperInvariant()
            .Replace(schema.ToUpperInvariant() + ".", "");
}
