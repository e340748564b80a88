using Microsoft.AspNetCore.Http;

namespace Hub.Admin.Shell;

/// <summary>Writes a page: htmx asks for a fragment (HX-Request) and gets only that, a browser navigating gets the whole page.</summary>
public static class AdminResponse
{
    public static bool IsHtmx(HttpContext context) =>
        context.Request.Headers.ContainsKey("HX-Request") && !context.Request.Headers.ContainsKey("HX-Boosted");

    public static Task PageAsync(HttpContext context, string title, string body, CancellationToken ct, int status = StatusCodes.Status200OK) =>
        WriteAsync(context, status, Layout.Page(context, title, body), ct);

    /// <summary>The fragment to htmx, or the fragment inside the page to a browser.</summary>
    public static Task PageOrFragmentAsync(HttpContext context, string title, string fragment, Func<string> page, CancellationToken ct, int status = StatusCodes.Status200OK) =>
        IsHtmx(context) ? WriteAsync(context, status, fragment, ct) : WriteAsync(context, status, Layout.Page(context, title, page()), ct);

    public static Task ErrorAsync(HttpContext context, int status, string message, CancellationToken ct) =>
        IsHtmx(context)
            ? WriteAsync(context, status, Html.Alert(message), ct)
            : PageAsync(context, AdminText.T("Something is wrong"), Html.Alert(message), ct, status);

    public static async Task WriteAsync(HttpContext context, int status, string html, CancellationToken ct)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        // The same URL answers htmx with a fragment and a browser with a page; caches must keep them apart.
        context.Response.Headers.Vary = "HX-Request";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsync(html, ct);
    }

    /// <summary>
    /// One stored thing for a page by its id, or null once the answer has been written instead: 503 saying the database
    /// cannot be reached, or 404 with <paramref name="missing"/>.
    /// </summary>
    public static async Task<T?> LoadOneAsync<T>(HttpContext context, Func<Task<T?>> load, string missing, CancellationToken ct) where T : class
    {
        T? found;
        try
        {
            found = await load();
        }
        catch (Exception ex) when (IsDatabaseDown(ex))
        {
            await ErrorAsync(context, StatusCodes.Status503ServiceUnavailable, DatabaseDownMessage(ex), ct);
            return null;
        }
        if (found is null) await ErrorAsync(context, StatusCodes.Status404NotFound, missing, ct);
        return found;
    }

    /// <summary>
    /// Whether an exception means the database cannot be reached, as opposed to a bug: a connection that fails or breaks
    /// (Npgsql, a socket, the pool's timeout), however Marten or Wolverine wrapped it. A server's refusal of the statement
    /// itself (a unique violation, a missing column) is a bug or a conflict, unless its class says the server is going away
    /// or cannot take connections (08 connection, 53 resources, 57P operator intervention).
    /// </summary>
    public static bool IsDatabaseDown(Exception ex) => ex switch
    {
        Npgsql.PostgresException pg => pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState.StartsWith("53", StringComparison.Ordinal)
                                       || pg.SqlState.StartsWith("57P", StringComparison.Ordinal),
        Npgsql.NpgsqlException or System.Net.Sockets.SocketException or TimeoutException => true,
        AggregateException agg => agg.InnerExceptions.Any(IsDatabaseDown),
        { InnerException: { } inner } => IsDatabaseDown(inner),
        _ => false,
    };

    /// <summary>
    /// The status of a page that cannot show what it is for: 503 for a page, 200 for htmx. htmx swaps only 2xx answers,
    /// and a refreshing region must receive the message (database down, unhealthy) to show it and keep refreshing.
    /// </summary>
    public static int UnavailableStatus(HttpContext context) => IsHtmx(context) ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;

    /// <summary>The database-down alert a page region shows in place of its data.</summary>
    public static string DatabaseDown(Exception ex) => Html.Alert(DatabaseDownMessage(ex), "db-down");

    public static string DatabaseDownMessage(Exception ex) =>
        string.Format(AdminText.T("The database cannot be reached right now, so nothing can be shown ({0}). This part of the page tries again by itself and recovers when the database is back."),
            DatabaseDownReason(ex));

    /// <summary>What the database's failure says, in one line: the innermost error's first line (no stack, no connection string).</summary>
    public static string DatabaseDownReason(Exception ex) => FirstLine(Innermost(ex).Message);

    private static Exception Innermost(Exception ex) => ex.InnerException is null ? ex : Innermost(ex.InnerException);
    private static string FirstLine(string s) => s.Split('\n')[0].Trim();
}
