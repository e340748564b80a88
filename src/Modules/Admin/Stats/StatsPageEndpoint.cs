using FastEndpoints;
using Hub.Admin.Shell;
using Hub.Contracts.Security;
using Microsoft.AspNetCore.Http;

namespace Hub.Admin.Stats;

/// <summary>
/// GET /admin/stats: volume, failures and p95 duration per external system, hourly for the last 24 hours or daily for
/// the last 30 days, as charts and as a table. Asks the Logs module's GetLogStats (the rollups behind /api/v1/logs/stats).
/// </summary>
public sealed class StatsPageEndpoint(ILogReader logs, TimeProvider clock) : EndpointWithoutRequest
{
    public override void Configure()
    {
        Get("/admin/stats");
        Group<AdminPages>();
        Roles(HubRoles.Viewer);
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var defaultZone = logs.StatsZone;
        var (query, errors) = StatsQuery.Parse(HttpContext.Request.Query, logs);
        string inner;
        var status = StatusCodes.Status200OK;
        if (errors.Count > 0)
        {
            inner = Html.Alert(errors.Select(e => StatsQuery.Tell(e, HttpContext.Request.Query))); // the API's words, in the reader's language
            status = StatusCodes.Status400BadRequest;
        }
        else
        {
            var range = StatsRange.Resolve(query.Bucket, null, null, clock.GetUtcNow(), query.Zone);
            try
            {
                var rows = await logs.StatsBySystemAsync(query.Bucket, range, query.Zone, query.System, query.Process, ct);
                inner = StatsView.Results(query, range, rows);
            }
            catch (Exception ex) when (AdminResponse.IsDatabaseDown(ex))
            {
                inner = AdminResponse.DatabaseDown(ex);
                status = AdminResponse.UnavailableStatus(HttpContext);
            }
        }
        await AdminResponse.PageOrFragmentAsync(HttpContext, "Stats", inner, () => StatsView.Page(query, defaultZone, inner), ct, status);
    }
}
