using FastEndpoints;
using Hub.Admin.Shell;
using Hub.Contracts.Security;
using Microsoft.AspNetCore.Http;

namespace Hub.Admin.Dashboard;

/// <summary>
/// GET /admin: the landing page. What happened (runs of the last days by outcome, the latest runs, orders sent, log volume
/// and failures per system), what is waiting (orders retrying and parked, the next scheduled run) and what needs an
/// operator. htmx asks the same URL every 30 s for the inside of the region; with the database down the region says so
/// and keeps asking.
/// </summary>
public sealed class DashboardEndpoint(IRuns runs, IOutbox outbox, ILogReader logs, ISchedules schedules, TimeProvider clock) : EndpointWithoutRequest
{
    public const int Days = 7;
    public const int LatestRuns = 5;
    // The runs of a week are read a page at a time; this many pages at most (the scheduled run is daily, so a week is a
    // page), and the page says "at least" when a busier week goes past them.
    public const int RunPageSize = 500;
    public const int MaxRunPages = 4;

    public override void Configure()
    {
        Get("/admin");
        Group<AdminPages>();
        Roles(HubRoles.Viewer);
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        string inner;
        var status = StatusCodes.Status200OK;
        try
        {
            inner = DashboardView.Body(await LoadAsync(ct));
        }
        catch (Exception ex) when (AdminResponse.IsDatabaseDown(ex))
        {
            inner = AdminResponse.DatabaseDown(ex);
            status = AdminResponse.UnavailableStatus(HttpContext);
        }
        await AdminResponse.PageOrFragmentAsync(HttpContext, "Dashboard", inner, () => DashboardView.Live(inner), ct, status);
    }

    private async Task<DashboardData> LoadAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var zone = AdminClock.Zone;
        // The last seven days of the pages' zone, today included, as whole days (a day's start follows the zone's clock).
        var week = StatsRange.Resolve(StatsBucket.Day, now.AddDays(-(Days - 1)), now, now, zone);
        var starts = week.BucketStarts(StatsBucket.Day, zone).ToList();

        var inWeek = new List<RunSummary>();
        var latest = new List<RunSummary>();
        string? next = null;
        var capped = false;
        for (var page = 0; ; page++)
        {
            if (page == MaxRunPages)
            {
                capped = true;
                break;
            }
            var runsPage = await runs.ListAsync(null, RunPageSize, next, ct);
            if (page == 0) latest.AddRange(runsPage.Items.Take(LatestRuns));
            inWeek.AddRange(runsPage.Items.Where(r => r.RequestedAt >= week.From));
            // Newest first: once a run is older than the week, so is every one after it.
            if (runsPage.Next is null || runsPage.Items.Count == 0 || runsPage.Items[^1].RequestedAt < week.From) break;
            next = runsPage.Next;
        }
        var days = starts.Select((start, i) =>
        {
            var end = i + 1 < starts.Count ? starts[i + 1] : week.To;
            var of = inWeek.Where(r => r.RequestedAt >= start && r.RequestedAt < end).ToList();
            return new RunDay(start, of.Count(r => r.Status == RunStatus.Completed), of.Count(r => r.Status == RunStatus.CompletedWithFailures),
                of.Count(r => r.Status == RunStatus.Failed), of.Count(r => r.Status == RunStatus.Planned),
                of.Count(r => r.Status is RunStatus.Planning or RunStatus.Dispatching or RunStatus.AwaitingConfirmation));
        }).ToList();

        // What needs attention: the very reads the Runs page makes for its list, rendered by the same function.
        var parkedRuns = await outbox.ParkedRunsAsync(10, ct);
        var failed = await runs.FailedSinceAsync(now.AddDays(-1), 10, ct);
        var retrying = await outbox.CountRetryingAsync(ct);
        var waiting = (await runs.ListAsync(RunStatus.AwaitingConfirmation, 10, null, ct)).Items;
        var attention = NeedsAttention.Render(parkedRuns, failed, retrying, waiting);
        var parked = await outbox.CountParkedAsync(new ParkedOrderQuery(null, null, null, null, null), ct);

        // Counts per system from the hourly rollups, never from the log table itself.
        var hours = StatsRange.Resolve(StatsBucket.Hour, null, null, now, zone);
        var logRows = await logs.StatsBySystemAsync(StatsBucket.Hour, hours, zone, null, null, ct);
        var bySystem = logRows.GroupBy(r => r.ExternalSystem)
            .Select(g => new SystemLogs(g.Key, g.Sum(r => r.Total), g.Sum(r => r.Failed)))
            .OrderBy(s => s.System is null).ThenBy(s => s.System, StringComparer.Ordinal).ToList();

        var scheduleViews = await schedules.ListAsync(ct);
        var upcoming = scheduleViews.Where(s => !s.Paused && s.NextOccurrence is not null).MinBy(s => s.NextOccurrence);
        var nextRun = new NextRun(upcoming?.Name, upcoming?.NextOccurrence, scheduleViews.Count, scheduleViews.Count(s => s.Paused));

        // 1C's names for the latest runs' warehouses, asked only when one of them is for a single warehouse (cached by the module).
        var warehouses = latest.Any(r => r.Scope != "all") ? await runs.WarehousesAsync(ct) : null;

        return new DashboardData(now, days, capped, latest, warehouses, inWeek.Sum(r => (long)r.Sent), retrying, parked, bySystem, nextRun, attention);
    }
}
