using FastEndpoints;
using Hub.Admin.Shell;
using Hub.Contracts.Security;
using Hub.Logs.GetLogStats;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Wolverine;

namespace Hub.Admin.Stats;

/// <summary>
/// GET /admin/stats: volume, failures and p95 duration per external system, hourly for the last 24 hours or daily for
/// the last 30 days, as charts and as a table. Asks the Logs module's GetLogStats (the rollups behind /api/v1/logs/stats).
/// </summary>
public sealed class StatsPageEndpoint(IMessageBus bus, TimeProvider clock, IOptions<LogStatsOptions> statsOptions) : EndpointWithoutRequest
{
    public override void Configure()
    {
        Get("/admin/stats");
        Group<AdminPages>();
        Roles(HubRoles.Viewer);
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var defaultZone = GetLogStatsRequest.ParseZone(null, statsOptions.Value.TimeZone) ?? TimeZoneInfo.Utc;
        var (query, errors) = StatsQuery.Parse(HttpContext.Request.Query, defaultZone);
        string inner;
        var status = StatusCodes.Status200OK;
        if (errors.Count > 0)
        {
            inner = Html.Alert(errors);
            status = StatusCodes.Status400BadRequest;
        }
        else
        {
            var range = StatsRange.Resolve(query.Bucket, null, null, clock.GetUtcNow(), query.Zone);
            try
            {
                var stats = await bus.InvokeAsync<LogStatsResponse>(
                    new GetLogStats(query.Bucket, range, query.Zone, StatsGrouping.System, query.System, query.Process), ct);
                inner = StatsView.Results(query, range, stats.Items);
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
