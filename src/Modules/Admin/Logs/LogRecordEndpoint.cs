using FastEndpoints;
using Hub.Admin.Shell;
using Hub.Contracts.Security;
using Hub.Logs.Domain;
using Hub.Logs.GetLog;
using Microsoft.AspNetCore.Http;
using Wolverine;

namespace Hub.Admin.Logs;

/// <summary>One record with every field and its JSON pretty-printed: a side panel for htmx, its own page for a link.</summary>
public sealed class LogRecordEndpoint(IMessageBus bus) : EndpointWithoutRequest
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
        var log = await AdminResponse.LoadOneAsync(HttpContext, () => bus.InvokeAsync<IntegrationLog?>(new GetLog(id), ct), $"No log record has id {id}.", ct);
        if (log is null) return;
        await AdminResponse.PageOrFragmentAsync(HttpContext, "Log record", LogsView.Record(log, closable: true),
            () => LogsView.Record(log, closable: false), ct);
    }
}
