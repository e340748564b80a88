using FastEndpoints;
using Hub.Admin.Shell;
using Hub.Contracts.Security;
using Microsoft.AspNetCore.Http;

namespace Hub.Admin.Logs;

/// <summary>
/// GET /admin/logs/tail?…&amp;since=cursor: the live tail's poll. The lines of the records matching the page's filter that
/// arrived after the cursor, newest first, for htmx to put on top of the list, and in <see cref="SinceHeader"/> the
/// cursor of the next poll (hub.js keeps it on the poller). Nothing new is an empty 200, so htmx swaps nothing; the
/// database down replaces the list with the alert that recovers by itself.
/// </summary>
public sealed class LogsTailEndpoint(ILogReader logs, AdminOptions options, TimeProvider clock) : EndpointWithoutRequest
{
    public const string SinceHeader = "X-Hub-Tail-Since";

    public override void Configure()
    {
        Get("/admin/logs/tail");
        Group<AdminPages>();
        Roles(HubRoles.Viewer);
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var query = LogsQuery.Parse(HttpContext.Request.Query, options);
        var (request, errors) = query.ToSearch(clock.GetUtcNow(), logs);
        string? since = HttpContext.Request.Query["since"];
        if (!logs.IsTailCursor(since)) errors = [.. errors, AdminText.T("since is not a cursor this page gave")];
        if (errors.Count > 0)
        {
            await AdminResponse.ErrorAsync(HttpContext, StatusCodes.Status400BadRequest, string.Join("; ", errors.Select(AdminText.T)), ct);
            return;
        }
        LogTailPage page;
        try
        {
            page = await logs.TailAsync(request with { Next = null }, since!, ct);
        }
        catch (Exception ex) when (AdminResponse.IsDatabaseDown(ex))
        {
            // A live view must not look quiet while the database is away: the list's region becomes the alert, which polls
            // by itself (the tail no longer pauses it) and brings the list, and with it the tail, back when the database is.
            HttpContext.Response.Headers["HX-Retarget"] = "#results";
            HttpContext.Response.Headers["HX-Reswap"] = "outerHTML";
            await AdminResponse.WriteAsync(HttpContext, StatusCodes.Status200OK, LogsView.ResultsRegion(query, AdminResponse.DatabaseDown(ex), failing: true), ct);
            return;
        }
        HttpContext.Response.Headers[SinceHeader] = page.Since;
        await AdminResponse.WriteAsync(HttpContext, StatusCodes.Status200OK, string.Concat(page.Items.Select(l => LogsView.Row(query, l))), ct);
    }
}
