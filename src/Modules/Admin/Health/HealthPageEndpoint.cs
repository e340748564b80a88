using System.Globalization;
using FastEndpoints;
using Hub.Admin.Shell;
using Hub.Contracts.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Wolverine.Runtime;

namespace Hub.Admin.Health;

/// <summary>GET /admin/health: the same checks /health/ready runs (database, schema, log writer), each with its data, and Wolverine's node.</summary>
public sealed class HealthPageEndpoint(HealthCheckService health, IWolverineRuntime runtime) : EndpointWithoutRequest
{
    public override void Configure()
    {
        Get("/admin/health");
        AuthSchemes(AdminAuth.Scheme);
        Roles(HubRoles.Viewer);
        Description(d => d.ExcludeFromDescription());
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var report = await health.CheckHealthAsync(ct);
        var rows = string.Concat(report.Entries.Select(e => $"""
            <tr class="check" data-name="{Html.E(e.Key)}"><td>{Html.E(e.Key)}</td><td class="{(e.Value.Status == HealthStatus.Healthy ? "ok" : "bad")}">{Html.E(e.Value.Status)}</td>
            <td>{Html.E(e.Value.Description ?? e.Value.Exception?.Message)}</td><td>{Html.E(e.Value.Duration.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture))} ms</td>
            <td>{string.Join("<br>", e.Value.Data.Select(d => $"{Html.E(d.Key)}: {Html.E(d.Value)}"))}</td></tr>
            """));
        var node = $"""
            <h3>Wolverine</h3><dl class="fields"><dt>service</dt><dd>{Html.E(runtime.Options.ServiceName)}</dd><dt>durability mode</dt><dd>{Html.E(runtime.Options.Durability.Mode)}</dd>
            <dt>node</dt><dd>{Html.E(runtime.Options.UniqueNodeId)}</dd></dl>
            """;
        var body = $"""
            <p class="{(report.Status == HealthStatus.Healthy ? "ok" : "bad")}" id="overall">Overall: {Html.E(report.Status)}</p>
            <div hx-get="/admin/health" hx-select="#health-body" hx-target="this" hx-swap="outerHTML" hx-trigger="every 10s" id="health-body">
            <table id="checks"><thead><tr><th>Check</th><th>Status</th><th>Description</th><th>Took</th><th>Data</th></tr></thead><tbody>{rows}</tbody></table>{node}</div>
            """;
        await AdminResponse.PageAsync(HttpContext, "Health", body, ct,
            report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
    }
}
