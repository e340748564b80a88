using FastEndpoints;
using Microsoft.AspNetCore.Http;
using Hub.Contracts.Security;

namespace Hub.Admin.Shell;

/// <summary>/admin opens the Logs page, the one operators look at first.</summary>
public sealed class AdminHomeEndpoint : EndpointWithoutRequest
{
    public override void Configure()
    {
        Get("/admin");
        Group<AdminPages>();
        Roles(HubRoles.Viewer);
    }

    public override Task HandleAsync(CancellationToken ct) => Send.RedirectAsync("/admin/logs");
}
