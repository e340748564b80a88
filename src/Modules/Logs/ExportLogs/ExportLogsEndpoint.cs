using FastEndpoints;
using Hub.Contracts.Security;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Hub.Logs.ExportLogs;

public sealed class ExportLogsEndpoint(IQuerySession session, TimeProvider clock, ILogger<ExportLogsEndpoint> logger) : Endpoint<ExportLogsRequest>
{
    public override void Configure()
    {
        Get("/api/v1/logs/export");
        Roles(HubRoles.Viewer);
        Description(d => d.WithTags("Logs")
            .Produces(StatusCodes.Status200OK, typeof(string), "text/csv", "application/x-ndjson")
            .ProducesProblemDetails());
        Summary(s =>
        {
            s.Summary = "Export the logs a filter selects as CSV or NDJSON, streamed";
            s.Description = "The list's filters (from, to, level, status, process, step, external_system, run_id, request_id, job_id, text), " +
                            "format=csv|ndjson, delimiter=comma|semicolon. Newest first, every record, streamed as it is read: " +
                            "CSV is RFC 4180 with a header row and a UTF-8 BOM (Excel shows Cyrillic), nested JSON as JSON text in a cell; " +
                            "NDJSON is one stored record per line.";
        });
    }

    public override Task HandleAsync(ExportLogsRequest req, CancellationToken ct) =>
        LogExportResponse.StreamAsync(HttpContext, session, req.ToFilter(), req.ParsedFormat, req.ParsedDelimiter, clock.GetUtcNow(), logger, ct);
}
