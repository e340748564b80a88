using Hub.Contracts.Health;
using FastEndpoints;
using Hub.Admin.Shell;
using Hub.Contracts.Security;
using Hub.Integrations.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Wolverine.Logging;
using Wolverine.Runtime;

namespace Hub.Admin.Health;

/// <summary>
/// GET /admin/health: the checks /health/ready runs, the log writer's counters, Wolverine's node, queues and message
/// store, and the last check-connections answer. htmx asks the same URL every few seconds for the inside of the region.
/// Only the message store needs the database; without it the rest still shows.
/// </summary>
public sealed class HealthPageEndpoint(HealthCheckService health, IWolverineRuntime runtime, ILogReader logs,
    ConnectionCheck connections, TimeProvider clock) : EndpointWithoutRequest
{
    public override void Configure()
    {
        Get("/admin/health");
        Group<AdminPages>();
        Roles(HubRoles.Viewer);
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var report = await health.CheckHealthAsync(r => r.Tags.Contains(HealthTags.Ready), ct);
        PersistedCounts? counts = null;
        string? problem = null;
        try
        {
            counts = await WolverineNode.StoreCountsAsync(runtime, ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // This page is where a failure should be read, not where it should turn into an error page of its own.
            problem = AdminResponse.IsDatabaseDown(ex) ? AdminResponse.DatabaseDownMessage(ex) : HealthView.StoreProblem(ex);
        }
        var inner = HealthView.Overall(report, clock.GetUtcNow()) + HealthView.Checks(report) +
                    $"<div class=\"panels\">{HealthView.LogWriter(logs.WriterStatus())}{HealthView.Node(runtime)}{HealthView.Store(counts, problem)}</div>" +
                    HealthView.Connections(HttpContext, connections.Last, connections.Running) +
                    // Last: one row per queue, two dozen of them, and rarely what someone opened the page for.
                    HealthView.Queues(WolverineNode.Queues(runtime));
        var status = report.Status == HealthStatus.Unhealthy ? AdminResponse.UnavailableStatus(HttpContext) : StatusCodes.Status200OK;
        await AdminResponse.PageOrFragmentAsync(HttpContext, "Health", inner, () => HealthView.Live(inner), ct, status);
    }
}
