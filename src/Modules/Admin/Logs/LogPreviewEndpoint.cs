using FastEndpoints;
using Hub.Admin.Shell;
using Hub.Contracts.Security;
using Microsoft.AspNetCore.Http;

namespace Hub.Admin.Logs;

/// <summary>
/// GET /admin/logs/{id}/preview: a record opened in its line, loaded only when asked so the list stays small. The page's
/// filter comes along so the ids in it filter on from the page's view.
/// </summary>
public sealed class LogPreviewEndpoint(ILogReader logs, AdminOptions options) : EndpointWithoutRequest
{
    public override void Configure()
    {
        Get("/admin/logs/{id:guid}/preview");
        Group<AdminPages>();
        Roles(HubRoles.Viewer);
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var id = Route<Guid>("id");
        var log = await AdminResponse.LoadOneAsync(HttpContext, () => logs.FindAsync(id, ct), string.Format(AdminText.T("No log record has id {0}."), id), ct);
        if (log is null) return;
        var query = LogsQuery.Parse(HttpContext.Request.Query, options) with { Next = null };
        var preview = LogsView.Preview(query, log);
        await AdminResponse.PageOrFragmentAsync(HttpContext, "Log record", preview, () => preview, ct);
    }
}
