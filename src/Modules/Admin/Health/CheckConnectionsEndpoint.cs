using FastEndpoints;
using Hub.Admin.Shell;
using Hub.Contracts.Security;
using Hub.Integrations.Connections;
using Microsoft.AspNetCore.Http;

namespace Hub.Admin.Health;

/// <summary>
/// POST /admin/health/connections: "Check connections now". Viewers may press it: it only reads from МойСклад and 1C
/// (one check at a time, however often it is pressed) and changes nothing. htmx gets the fresh section, a plain form post
/// the page again.
/// </summary>
public sealed class CheckConnectionsEndpoint(ConnectionCheck connections) : EndpointWithoutRequest
{
    public override void Configure()
    {
        Post(HealthView.ConnectionsPath);
        Group<AdminPages>();
        Roles(HubRoles.Viewer);
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        if (await AdminForms.ReadAsync(HttpContext, ct) is null) return;
        var results = await connections.RunAsync(ct);
        if (!AdminResponse.IsHtmx(HttpContext))
        {
            await Send.RedirectAsync("/admin/health#connections");
            return;
        }
        await AdminResponse.WriteAsync(HttpContext, StatusCodes.Status200OK, HealthView.Connections(HttpContext, results, running: false), ct);
    }
}
