using Hub.Logs.Querying;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace Hub.Logs.ExportLogs;

/// <summary>An export as an HTTP download, the same for the API (key) and the admin pages (cookie).</summary>
public static class LogExportResponse
{
    public static async Task StreamAsync(HttpContext context, IQuerySession session, LogFilter filter, LogExportFormat format, char delimiter,
        DateTimeOffset now, ILogger logger, CancellationToken ct)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = LogExport.ContentType(format);
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment")
        {
            FileName = LogExport.FileName(filter, format, now)
        }.ToString();
        response.Headers.CacheControl = "no-store";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        try
        {
            var rows = await LogExport.WriteAsync(session, filter, format, delimiter, response.Body, ct);
            logger.LogInformation("Exported {Rows} integration logs as {Format} for {Key}", rows, format, context.User.Identity?.Name);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            logger.LogInformation("Log export cancelled by the client ({Key})", context.User.Identity?.Name);
        }
        catch (Exception ex) when (response.HasStarted)
        {
            // The status line is gone: aborting is the only way to tell the client its file is incomplete.
            logger.LogError(ex, "Log export failed after it started; the connection is aborted so the file is not taken as complete");
            context.Abort();
        }
    }
}
