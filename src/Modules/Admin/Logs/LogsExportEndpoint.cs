using FastEndpoints;
using Hub.Admin.Shell;
using Hub.Contracts.Security;
using Hub.Logs.ExportLogs;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Hub.Admin.Logs;

/// <summary>
/// GET /admin/logs/export: the Logs page's current filter as a CSV or NDJSON download. The signed-in session's
/// counterpart of GET /api/v1/logs/export (which wants an API key header a link cannot send), streamed by the same code.
/// </summary>
public sealed class LogsExportEndpoint(IQuerySession session, AdminOptions options, TimeProvider clock, ILogger<LogsExportEndpoint> logger)
    : EndpointWithoutRequest
{
    public override void Configure()
    {
        Get("/admin/logs/export");
        AuthSchemes(AdminAuth.Scheme);
        Roles(HubRoles.Viewer);
        Description(d => d.ExcludeFromDescription());
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var query = LogsQuery.Parse(HttpContext.Request.Query, options);
        var now = clock.GetUtcNow();
        var (request, errors) = query.ToSearch(now);
        var formatText = HttpContext.Request.Query["format"].ToString();
        var delimiterText = HttpContext.Request.Query["delimiter"].ToString();
        var format = ExportLogsRequest.ParseFormat(formatText);
        var delimiter = ExportLogsRequest.ParseDelimiter(delimiterText);
        if (format is null) errors = [.. errors, "format is csv or ndjson"];
        if (delimiter is null) errors = [.. errors, "delimiter is comma or semicolon"];
        if (errors.Count > 0)
        {
            await AdminResponse.ErrorAsync(HttpContext, StatusCodes.Status400BadRequest, "Cannot export: " + string.Join("; ", errors), ct);
            return;
        }
        await LogExportResponse.StreamAsync(HttpContext, session, request.ToFilter(), format!.Value, delimiter!.Value, now, logger, ct);
    }
}
