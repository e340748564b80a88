using System.Linq.Expressions;
using System.Reflection;
using Marten;
using Marten.Schema;

namespace Hub.Logs.Domain;

/// <summary>Marten mapping of <see cref="IntegrationLog"/>: table name, duplicated columns and the indexes the filters need.</summary>
public static class IntegrationLogMapping
{
    /// <summary>The table is mt_doc_integration_log in the hub's schema.</summary>
    public const string Alias = "integration_log";

    /// <summary>The table's name without its schema, for the SQL that works on it directly (rollups, retention).</summary>
    public const string TableName = "mt_doc_" + Alias;

    /// <summary>Applied by <see cref="LogsModule"/> to the mapping Marten builds for the shared record type.</summary>
    public static void Configure(DocumentMapping map)
    {
        map.Alias = Alias;

        // Columns are named explicitly: with snake_case JSON Marten would derive "log__level" and the like,
        // and these names are what operators see in psql and what the raw SQL of the queries uses.
        Column(map, x => x.Ts, "ts", "timestamptz", notNull: true);
        Column(map, x => x.CreatedAt, "created_at", "timestamptz", notNull: true);
        Column(map, x => x.ProcessName, "process_name", "text", notNull: true);
        Column(map, x => x.Step, "step", "text");
        Column(map, x => x.LogLevel, "log_level", "text", notNull: true);
        Column(map, x => x.Status, "status", "text");
        Column(map, x => x.ExternalSystem, "external_system", "text");
        Column(map, x => x.RunId, "run_id", "uuid");
        Column(map, x => x.RequestId, "request_id", "uuid");
        Column(map, x => x.JobId, "job_id", "uuid");

        // Every list is newest first with a keyset on (ts, id): the time index carries id, and each
        // filter's index ends on ts so a filtered page is read in index order too.
        Index(map, "ts", "id");
        Index(map, "created_at");
        Index(map, "process_name", "ts");
        Index(map, "step", "ts");
        Index(map, "log_level", "ts");
        Index(map, "status", "ts");
        Index(map, "external_system", "ts");
        Index(map, "run_id");
        Index(map, "request_id");
        Index(map, "job_id");

        // The trigram index of the text search belongs to LogSearchSchema, which Weasel's index check cannot express.
        map.IgnoreIndex(Search.LogSearchText.IndexName);
    }

    private static void Column(DocumentMapping map, Expression<Func<IntegrationLog, object?>> member, string column, string pgType, bool notNull = false)
    {
        var body = member.Body is UnaryExpression u ? u.Operand : member.Body;
        map.DuplicateField([((MemberExpression)body).Member], pgType, column, notNull);
    }

    private static void Index(DocumentMapping map, params string[] columns) =>
        map.Indexes.Add(new DocumentIndex(map, columns));
}
