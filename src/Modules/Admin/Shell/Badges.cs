using FastEndpoints;
using Hub.Contracts.Outbox;
using Hub.Contracts.Security;
using Microsoft.AspNetCore.Http;

namespace Hub.Admin.Shell;

/// <summary>
/// The navigation's badges, on every page: the orders parked and waiting for an operator (they stay until replayed or
/// discarded), and the runs that failed or ended with failures since this operator last opened the Runs page (a cookie).
/// Loaded by htmx once the page shows and every 30 s, so no page waits for them.
/// </summary>
public static class Badges
{
    public const string Path = "/admin/badges";
    public const string SeenCookie = "hub_runs_seen";

    public static readonly string Placeholder = $"<span id=\"badges\" hx-get=\"{Path}\" hx-trigger=\"load, every 30s\" hx-swap=\"innerHTML\"></span>";

    /// <summary>The Runs page was looked at now: from here on only later failures count.</summary>
    public static void MarkRunsSeen(HttpContext context, TimeProvider clock) =>
        context.Response.Cookies.Append(SeenCookie, clock.GetUtcNow().ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = context.Request.IsHttps, Path = "/admin", MaxAge = TimeSpan.FromDays(365) });

    /// <summary>When the operator last looked at the Runs page; a day ago for one who never has.</summary>
    public static DateTimeOffset RunsSeen(HttpContext context, TimeProvider clock) =>
        long.TryParse(context.Request.Cookies[SeenCookie], out var ms) && ms > 0 && ms <= clock.GetUtcNow().ToUnixTimeMilliseconds()
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : clock.GetUtcNow().AddDays(-1);

    public static string Render(int parked, int failedRuns)
    {
        var T = AdminText.T;
        var parts = new List<string>();
        if (parked > 0) parts.Add($"<a class=\"badge\" id=\"badge-parked\" href=\"/admin/outbox\" title=\"{Html.E(T("Orders parked, waiting for an operator"))}\">{Html.E(T("Parked"))}: {parked}</a>");
        if (failedRuns > 0) parts.Add($"<a class=\"badge\" id=\"badge-failed-runs\" href=\"/admin/runs\" title=\"{Html.E(T("Runs that failed since you last looked"))}\">{Html.E(T("Failed runs"))}: {failedRuns}</a>");
        return string.Concat(parts);
    }
}

/// <summary>GET /admin/badges: the navigation's badges as a fragment; nothing when there is nothing to act on.</summary>
public sealed class BadgesEndpoint(IOutbox outbox, IRuns runs, TimeProvider clock) : EndpointWithoutRequest
{
    public override void Configure()
    {
        Get(Badges.Path);
        Group<AdminPages>();
        Roles(HubRoles.Viewer);
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        string html;
        try
        {
            var parked = await outbox.CountParkedAsync(new ParkedOrderQuery(null, null, null, null, null), ct);
            var failed = await runs.CountFailedSinceAsync(Badges.RunsSeen(HttpContext, clock), ct);
            html = Badges.Render(parked, failed);
        }
        catch (Exception ex) when (AdminResponse.IsDatabaseDown(ex))
        {
            // The pages say the database is down themselves; the badges just wait for it.
            html = "";
        }
        await AdminResponse.WriteAsync(HttpContext, StatusCodes.Status200OK, html, ct);
    }
}
