using FastEndpoints;
using Hub.Admin.Shell;
using Hub.Contracts.Security;
using Microsoft.AspNetCore.Http;

namespace Hub.Admin.Logs;

/// <summary>
/// GET /admin/logs/export: the Logs page's current filter as a CSV or NDJSON download. The signed-in session's
/// counterpart of GET /api/v1/logs/export (which wants an API key header a link cannot send), streamed by the same code.
/// </summary>
public sealed class LogsExportEndpoint(ILogReader logs, AdminOptions options, TimeProvider clock)
    : EndpointWithoutRequest
{
    public override void Configure()
    {
        Get("/admin/logs/export");
        Group<AdminPages>();
        Roles(HubRoles.Viewer);
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var query = LogsQuery.Parse(HttpContext.Request.Query, options);
        var now = clock.GetUtcNow();
        var (request, errors) = query.ToSearch(now, logs);
        // The filter is checked as the page checks it; format and delimiter by the API's own rules, in its words.
        string? format = HttpContext.Request.Query["format"], delimiter = HttpContext.Request.Query["delimiter"];
        errors = [.. errors, .. logs.CheckExport(format, delimiter)];
        if (errors.Count > 0)
        {
            await AdminResponse.ErrorAsync(HttpContext, StatusCodes.Status400BadRequest, AdminText.T("Cannot export:") + " " + string.Join("; ", errors.Select(AdminText.T)), ct);
            return;
        }
        await logs.ExportAsync(HttpContext, request, format, delimiter, ct);
    }
}
