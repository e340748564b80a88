using System.Buffers;
using System.Data;
using System.Globalization;
using System.Text;
using Hub.Logs.Domain;
using Hub.Logs.Querying;
using Marten;
using Npgsql;
using Marten.Storage;

namespace Hub.Logs.ExportLogs;

public enum LogExportFormat { Csv, Ndjson }

/// <summary>
/// Streams the logs a filter selects, newest first, from one PostgreSQL query straight to a stream (an HTTP
/// response, a file). Rows are read one at a time with a plain Npgsql reader and written as they arrive, so
/// memory stays flat whatever the count; the cancellation token cancels the query on the server.
/// The database does the formatting: CSV cells are <c>data ->> 'field'</c> (nested JSON comes out as JSON
/// text) and NDJSON lines are the stored document itself, so no row is parsed or re-serialised here.
/// </summary>
public static class LogExport
{
    /// <summary>The CSV columns, in the order of requirements §3.</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        "id", "ts", "created_at", "updated_at", "process_name", "step", "job_name", "log_level", "status", "message",
        "run_id", "request_id", "job_id", "external_system", "action", "related_entity_type", "related_entity_id",
        "elapsed_ms", "retry_count", "payload", "details", "request_payload", "response_payload", "payload_hash",
        "error_message", "error_code"
    ];

    /// <summary>Marks the query in pg_stat_activity, so an operator (and a test) can see a running export.</summary>
    public const string QueryTag = "/* hub:logs-export */";

    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    // Excel runs a cell that starts with one of these as a formula; operators open exports in Excel, and log text
    // comes from outside systems. OWASP's remedy: such a cell starts with an apostrophe.
    private static readonly SearchValues<char> FormulaStart = SearchValues.Create("=+-@\t\r");

    public static string ContentType(LogExportFormat format) =>
        format == LogExportFormat.Csv ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8";

    /// <summary>integration-logs_&lt;from&gt;_&lt;to&gt;.csv in UTC; "start" when unbounded below, the export's time when unbounded above.</summary>
    public static string FileName(LogFilter filter, LogExportFormat format, DateTimeOffset now)
    {
        static string Stamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var from = filter.From is { } f ? Stamp(f) : "start";
        var to = Stamp(filter.To ?? now);
        return $"integration-logs_{from}_{to}.{(format == LogExportFormat.Csv ? "csv" : "ndjson")}";
    }

    /// <summary>Writes the export and returns the number of records written.</summary>
    public static async Task<long> WriteAsync(IQuerySession session, LogFilter filter, LogExportFormat format, char delimiter,
        Stream output, CancellationToken ct)
    {
        // The connection opens before the first byte: a database that cannot be reached is still a 503 with its reason,
        // not a download that starts and breaks off.
        await using var connection = session.Database.CreateConnection(ConnectionUsage.Read);
        await connection.OpenAsync(ct);
        await using var writer = new StreamWriter(output, Utf8, bufferSize: 64 * 1024, leaveOpen: true);
        if (format == LogExportFormat.Csv)
        {
            // The BOM is what makes Excel read the file as UTF-8, and so show Cyrillic as Cyrillic.
            await output.WriteAsync(Utf8Bom, ct);
            await writer.WriteAsync(string.Join(delimiter, Columns) + "\r\n");
        }
        // The first bytes go out before the query runs: a client sees the download start at once.
        await writer.FlushAsync(ct);

        var table = session.DocumentStore.Options.Schema.For<IntegrationLog>();
        var select = format == LogExportFormat.Csv
            ? string.Join(", ", Columns.Select(c => $"d.data ->> '{c}'"))
            : "d.data::text";
        var (where, args) = filter.ToSql();
        var sql = $"{QueryTag} select {select} from {table} as d {where} order by d.ts desc, d.id desc";

        await using var command = PositionalSql.Command(connection, sql, args);
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);

        var line = new StringBuilder(1024);
        long rows = 0;
        while (await reader.ReadAsync(ct))
        {
            line.Clear();
            if (format == LogExportFormat.Csv)
            {
                for (var i = 0; i < Columns.Count; i++)
                {
                    if (i > 0) line.Append(delimiter);
                    if (!await reader.IsDBNullAsync(i, ct)) AppendCsvField(line, reader.GetString(i), delimiter);
                }
                line.Append("\r\n");
            }
            else
            {
                // jsonb's text form never holds a raw line break (strings escape it), so a document is one line.
                line.Append(reader.GetString(0)).Append('\n');
            }
            await writer.WriteAsync(line, ct);
            rows++;
        }
        await writer.FlushAsync(ct);
        return rows;
    }

    /// <summary>RFC 4180: a field with the delimiter, a quote or a line break is quoted, quotes doubled.</summary>
    public static void AppendCsvField(StringBuilder line, string value, char delimiter)
    {
        if (value.Length > 0 && FormulaStart.Contains(value[0])) value = "'" + value;
        if (value.AsSpan().IndexOfAny(delimiter, '"', '\n') < 0 && !value.Contains('\r'))
        {
            line.Append(value);
            return;
        }
        line.Append('"');
        foreach (var c in value)
        {
            if (c == '"') line.Append('"');
            line.Append(c);
        }
        line.Append('"');
    }
}
