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
        AuthSchemes(AdminAuth.Scheme);
        Roles(HubRoles.Viewer);
        Description(d => d.ExcludeFromDescription());
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var defaultZone = statsOptions.Value.TimeZone;
        var (query, errors) = StatsQuery.Parse(HttpContext.Request.Query, defaultZone);
        string inner;
        var status = StatusCodes.Status200OK;
        if (errors.Count > 0)
        {
            inner = $"<div class=\"error\" role=\"alert\">{string.Join("<br>", errors.Select(Html.E))}</div>";
            status = StatusCodes.Status400BadRequest;
        }
        else
        {
            var zone = GetLogStatsRequest.ParseZone(query.TimeZone, defaultZone)!;
            var range = StatsRange.Resolve(query.Bucket, null, null, clock.GetUtcNow(), zone);
            try
            {
                var stats = await bus.InvokeAsync<LogStatsResponse>(
                    new GetLogStats(query.Bucket, range, zone, StatsGrouping.System, query.System, query.Process), ct);
                inner = StatsView.Results(query, range, zone, stats.Items);
            }
            catch (Exception ex) when (AdminResponse.IsDatabaseDown(ex))
            {
                inner = $"<div class=\"error\" role=\"alert\" id=\"db-down\">{Html.E(AdminResponse.DatabaseDownMessage(ex))}</div>";
                status = AdminResponse.IsHtmx(HttpContext) ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
            }
        }
        await AdminResponse.PageOrFragmentAsync(HttpContext, "Stats", inner, () => StatsView.Page(query, defaultZone, inner), ct, status);
    }
}
