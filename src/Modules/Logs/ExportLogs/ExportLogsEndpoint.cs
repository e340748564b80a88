using FastEndpoints;
using Hub.Contracts.Security;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

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

    public override async Task HandleAsync(ExportLogsRequest req, CancellationToken ct)
    {
        var filter = req.ToFilter();
        var format = req.ParsedFormat;
        var response = HttpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = LogExport.ContentType(format);
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment")
        {
            FileName = LogExport.FileName(filter, format, clock.GetUtcNow())
        }.ToString();
        HttpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        try
        {
            var rows = await LogExport.WriteAsync(session, filter, format, req.ParsedDelimiter, response.Body, ct);
            logger.LogInformation("Exported {Rows} integration logs as {Format} for {Key}", rows, format, User.Identity?.Name);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            logger.LogInformation("Log export cancelled by the client ({Key})", User.Identity?.Name);
        }
        catch (Exception ex) when (response.HasStarted)
        {
            // The status line is gone: aborting is the only way to tell the client its file is incomplete.
            logger.LogError(ex, "Log export failed after it started; the connection is aborted so the file is not taken as complete");
            HttpContext.Abort();
        }
    }
}
