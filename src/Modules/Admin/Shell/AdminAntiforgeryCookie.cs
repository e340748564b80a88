using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Hub.Admin.Shell;

/// <summary>
/// Gives the antiforgery cookie the session cookie's protection over HTTPS: <c>__Host-hub_admin_csrf</c> (Secure, path /,
/// no domain), so no other app on the host or a subdomain can set or shadow it. ASP.NET Core's antiforgery takes one fixed
/// cookie name, so over HTTPS this renames it on the way out and back on the way in, and drops any plain
/// <c>hub_admin_csrf</c> another app tossed at the browser: only the prefixed one counts. Over plain HTTP the cookie stays
/// <c>hub_admin_csrf</c> on /admin, which browsers send before a foreign one on a shorter path.
/// </summary>
public static class AdminAntiforgeryCookie
{
    public const string HttpName = "hub_admin_csrf";
    public const string HttpsName = "__Host-" + HttpName;

    public static void UseAdminAntiforgeryCookie(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.IsHttps)
        {
            RenameIncoming(context.Request);
            context.Response.OnStarting(() =>
            {
                RenameOutgoing(context.Response);
                return Task.CompletedTask;
            });
        }
        await next(context);
    });

    private static void RenameIncoming(HttpRequest request)
    {
        if (!CookieHeaderValue.TryParseList(request.Headers.Cookie.Where(h => h is not null).Select(h => h!).ToList(), out var cookies) || cookies is null) return;
        if (!cookies.Any(c => c.Name.Equals(HttpName, StringComparison.Ordinal) || c.Name.Equals(HttpsName, StringComparison.Ordinal))) return;
        var kept = cookies.Where(c => !c.Name.Equals(HttpName, StringComparison.Ordinal))
            .Select(c => c.Name.Equals(HttpsName, StringComparison.Ordinal) ? new CookieHeaderValue(HttpName, c.Value) : c);
        // The request's cookie collection is parsed again from the rewritten header.
        request.Headers.Cookie = string.Join("; ", kept.Select(c => c.ToString()));
    }

    private static void RenameOutgoing(HttpResponse response)
    {
        var headers = response.Headers.SetCookie;
        if (!headers.Any(h => h is not null && h.StartsWith(HttpName + "=", StringComparison.Ordinal))) return;
        response.Headers.SetCookie = headers.Select(h => h is not null && h.StartsWith(HttpName + "=", StringComparison.Ordinal) && SetCookieHeaderValue.TryParse(h, out var cookie)
                ? new SetCookieHeaderValue(HttpsName, cookie.Value)
                {
                    Path = "/", Secure = true, HttpOnly = cookie.HttpOnly, SameSite = cookie.SameSite, Expires = cookie.Expires, MaxAge = cookie.MaxAge,
                }.ToString()
                : h).ToArray();
    }
}
