using FastEndpoints;
using Hub.Admin.Shell;
using Hub.Contracts.Security;
using Microsoft.AspNetCore.Http;

namespace Hub.Admin.Logs;

/// <summary>One record with every field and its JSON pretty-printed: a side panel for htmx, its own page for a link.</summary>
public sealed class LogRecordEndpoint(ILogReader logs) : EndpointWithoutRequest
{
    public override void Configure()
    {
        Get("/admin/logs/{id:guid}");
        Group<AdminPages>();
        Roles(HubRoles.Viewer);
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var id = Route<Guid>("id");
        var log = await AdminResponse.LoadOneAsync(HttpContext, () => logs.FindAsync(id, ct), string.Format(AdminText.T("No log record has id {0}."), id), ct);
        if (log is null) return;
        await AdminResponse.PageOrFragmentAsync(HttpContext, "Log record", LogsView.Record(log, closable: true),
            () => LogsView.Record(log, closable: false), ct);
    }
}
