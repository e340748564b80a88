using DbDataReader = System.Data.Common.DbDataReader;
using Weasel.Core;
using Weasel.Postgresql;

namespace Hub.Logs.Rollup;

/// <summary>
/// The two statement-level triggers that feed the rollups. Weasel's own trigger object cannot declare
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
        writer.WriteLine("DO $rollup_setup$");
        writer.WriteLine("BEGIN");
        writer.WriteLine($"  LOCK TABLE {Target} IN SHARE ROW EXCLUSIVE MODE;");
        writer.WriteLine(sql.Backfill());
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

            SELECT pg_get_triggerdef(t.oid)
            FROM pg_trigger t
            JOIN pg_class c ON c.oid = t.tgrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE NOT t.tgisinternal
              AND t.tgname IN ({Literal(LogRollupSchema.InsertTrigger)}, {Literal(LogRollupSchema.UpdateTrigger)})
              AND c.relname = {Literal(logTable)}
              AND n.nspname = {Literal(schema)}
            ORDER BY t.tgname;

            """);
    }

    public async Task<ISchemaObjectDelta> CreateDeltaAsync(DbDataReader reader, CancellationToken ct = default)
    {
        var existing = new List<string>();
        while (await reader.ReadAsync(ct)) existing.Add(reader.GetString(0));
        if (existing.Count == 0) return new SchemaObjectDelta(this, SchemaPatchDifference.Create);
        var same = existing.Select(Normalize).SequenceEqual(Definitions.Select(Normalize));
        return new SchemaObjectDelta(this, same ? SchemaPatchDifference.None : SchemaPatchDifference.Update);
    }

    public IEnumerable<DbObjectName> AllNames() => [Identifier, new PostgresqlObjectName(schema, LogRollupSchema.UpdateTrigger, SchemaUtils.IdentifierUsage.General)];

    private static string Literal(string value) => "'" + value.Replace("'", "''") + "'";

    // pg_get_triggerdef qualifies names only when they are not on the reading session's search_path.
    private string Normalize(string definition) =>
        new string(definition.Where(c => !char.IsWhiteSpace(c) && c != '"').ToArray()).TrimEnd(';').ToUpperInvariant()
            .Replace(schema.ToUpperInvariant() + ".", "");
}
