using DbDataReader = System.Data.Common.DbDataReader;
using Hub.Logs.Domain;
using Marten;
using Weasel.Core;
using Weasel.Core.Migrations;
using Weasel.Postgresql;

namespace Hub.Logs.Search;

/// <summary>
/// The text search index of the integration logs: a pg_trgm GIN index over one expression that joins
/// message, error, step and the JSON text of payload and details (<see cref="LogSearchText"/>).
///
/// Why trigrams and not full-text search: the users search for words in Russian and English and for codes
/// such as «СИ00-000004» or a fragment of one, and expect what they typed to be found anywhere (the search was
/// and stays a case-insensitive substring match). A tsvector with 'russian' stems words but splits codes into
/// parts and cannot match a fragment; 'simple' keeps codes but loses word forms, and neither finds a prefix
/// of a code. Trigrams serve ILIKE '%…%' for both; the benchmark in bench/logs-scale.sh measures both side by side.
///
/// Why a feature schema beside Marten's table: Weasel cannot declare an operator class on an expression index
/// so that its check reads back the same, so Marten is told to leave this index alone
/// (<see cref="IntegrationLogMapping"/> ignores it by name) and this object creates and checks it, with the
/// extension, so db-apply, db-assert and start-up migrations keep it like any other part of the schema.
/// </summary>
public sealed class LogSearchSchema : FeatureSchemaBase
{
    private readonly StoreOptions _options;

    public LogSearchSchema(StoreOptions options) : base("LogSearch", new PostgresqlMigrator()) => _options = options;

    public override IEnumerable<Type> DependentTypes() => [typeof(IntegrationLog)];

    protected override IEnumerable<ISchemaObject> schemaObjects()
    {
        yield return new LogSearchIndex(_options.DatabaseSchemaName, IntegrationLogMapping.TableName);
    }
}

/// <summary>The one expression that is both indexed and searched; PostgreSQL uses the index only for the very same expression.</summary>
public static class LogSearchText
{
    public const string IndexName = "integration_log_search_trgm";

    /// <summary>The searched text of a row; <paramref name="alias"/> is the table's alias in the query ("" in the index).</summary>
    public static string Of(string alias)
    {
        var p = alias.Length == 0 ? "" : alias + ".";
        return $"(coalesce({p}data ->> 'message', '') || ' ' || coalesce({p}data ->> 'error_message', '') || ' ' || coalesce({p}step, '')"
               + $" || ' ' || coalesce({p}data ->> 'payload', '') || ' ' || coalesce({p}data ->> 'details', '')"
               + $" || ' ' || coalesce({p}data ->> 'request_payload', '') || ' ' || coalesce({p}data ->> 'response_payload', ''))";
    }

    /// <summary>The ILIKE pattern of a substring, its wildcards escaped.</summary>
    public static string Pattern(string text) =>
        "%" + text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_") + "%";
}

/// <summary>Creates pg_trgm (with a readable error where the server lacks it) and the trigram index; checks that both exist and the index is valid.</summary>
public sealed class LogSearchIndex(string schema, string logTable) : ISchemaObject
{
    public DbObjectName Identifier { get; } = new PostgresqlObjectName(schema, LogSearchText.IndexName, SchemaUtils.IdentifierUsage.General);

    public void WriteCreateStatement(Migrator migrator, TextWriter writer)
    {
        // CREATE EXTENSION alone fails with "could not open extension control file"; the operator is told what to install instead.
        writer.WriteLine("DO $log_search$");
        writer.WriteLine("BEGIN");
        writer.WriteLine("  IF NOT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') THEN");
        writer.WriteLine("    RAISE EXCEPTION 'The logs text search needs the PostgreSQL extension pg_trgm, which this server does not have: install postgresql-contrib (Debian/Ubuntu: apt-get install postgresql-contrib; the official postgres images have it), then restart the hub or run db-apply';");
        writer.WriteLine("  END IF;");
        writer.WriteLine("  IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN");
        writer.WriteLine("    BEGIN");
        writer.WriteLine("      CREATE EXTENSION pg_trgm;");
        writer.WriteLine("    EXCEPTION WHEN insufficient_privilege THEN");
        writer.WriteLine("      RAISE EXCEPTION 'The logs text search needs the extension pg_trgm and the hub''s database user may not create it: run CREATE EXTENSION pg_trgm; in this database as a superuser (or a database owner on PostgreSQL 13+), then restart the hub or run db-apply';");
        writer.WriteLine("    END;");
        writer.WriteLine("  END IF;");
        writer.WriteLine("END");
        writer.WriteLine("$log_search$;");
        writer.WriteLine($"DROP INDEX IF EXISTS {schema}.{LogSearchText.IndexName};");
        writer.WriteLine($"CREATE INDEX {LogSearchText.IndexName} ON {schema}.{logTable} USING gin ({LogSearchText.Of("")} gin_trgm_ops);");
        // The planner knows how often a word occurs only from the statistics of the indexed expression, which ANALYZE
        // gathers only while the index exists. A month analysed before (and no longer written, so never again by
        // autovacuum) would have none, and a word in every row would be read through the index over whole months
        // (measured at 5M rows: 26 s for one page, 37 ms once analysed).
        writer.WriteLine($"ANALYZE {schema}.{logTable};");
    }

    public void WriteDropStatement(Migrator rules, TextWriter writer) =>
        writer.WriteLine($"DROP INDEX IF EXISTS {schema}.{LogSearchText.IndexName};");

    public void ConfigureQueryCommand(DbCommandBuilder builder)
    {
        // Names come from code and the configured schema; quoted as literals, they need no parameters.
        builder.Append($"""

            SELECT i.indisvalid, pg_get_indexdef(i.indexrelid), t.relkind::text
            FROM pg_index i
            JOIN pg_class c ON c.oid = i.indexrelid
            JOIN pg_class t ON t.oid = i.indrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relname = {Literal(LogSearchText.IndexName)} AND n.nspname = {Literal(schema)};

            """);
    }

    public async Task<ISchemaObjectDelta> CreateDeltaAsync(DbDataReader reader, CancellationToken ct = default)
    {
        if (!await reader.ReadAsync(ct)) return new SchemaObjectDelta(this, SchemaPatchDifference.Create);
        var valid = reader.GetBoolean(0);
        var definition = reader.GetString(1);
        // pg_get_indexdef rewrites the expression (casts, parentheses), so what is checked is what matters:
        // a valid trigram GIN index on the log table under this name.
        // On a log table not yet partitioned the index goes with the table when Marten rebuilds it partitioned in this
        // same migration; it is then created again on the new table (and by PostgreSQL on each of its months).
        var partitioned = reader.GetString(2) == Partitions.LogPartitions.PartitionedKind;
        var same = valid && partitioned && definition.Contains("USING gin", StringComparison.OrdinalIgnoreCase)
                         && definition.Contains("gin_trgm_ops", StringComparison.OrdinalIgnoreCase)
                         && definition.Contains(logTable, StringComparison.OrdinalIgnoreCase);
        return new SchemaObjectDelta(this, same ? SchemaPatchDifference.None : SchemaPatchDifference.Update);
    }

    public IEnumerable<DbObjectName> AllNames() => [Identifier];

    private static string Literal(string value) => "'" + value.Replace("'", "''") + "'";
}
