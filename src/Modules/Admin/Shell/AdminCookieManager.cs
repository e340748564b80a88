using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Hub.Admin.Shell;

/// <summary>
/// Writes and reads the session cookie. Over HTTPS it is <c>__Host-hub_admin</c> (Secure, path /, no domain, so no other
/// app on the host or a subdomain can set or shadow it); over plain HTTP it is <c>hub_admin</c> on /admin. Reading
/// takes the first cookie of that name this hub can unprotect: another app's <c>hub_admin</c> on path=/ or any other
/// path travels in the same header, and taking it blindly would send the person back to sign-in forever.
/// </summary>
public sealed class AdminCookieManager : ICookieManager
{
    public const string HttpName = "hub_admin";
    public const string HttpsName = "__Host-hub_admin";
    public const string HttpPath = "/admin";

    public static string NameFor(HttpRequest request) => request.IsHttps ? HttpsName : HttpName;

    public string? GetRequestCookie(HttpContext context, string key)
    {
        var name = NameFor(context.Request);
        var candidates = Candidates(context.Request, name).ToList();
        if (candidates.Count <= 1) return candidates.FirstOrDefault();
        var format = context.RequestServices.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(AdminAuth.CookieScheme).TicketDataFormat;
        return candidates.FirstOrDefault(value => format.Unprotect(value) is not null) ?? candidates[0];
    }

    public void AppendResponseCookie(HttpContext context, string key, string? value, CookieOptions options) =>
        context.Response.Cookies.Append(NameFor(context.Request), value ?? "", Adjust(context.Request, options));

    public void DeleteCookie(HttpContext context, string key, CookieOptions options) =>
        context.Response.Cookies.Delete(NameFor(context.Request), Adjust(context.Request, options));

    private static CookieOptions Adjust(HttpRequest request, CookieOptions options) => new(options)
    {
        Domain = null,
        Path = request.IsHttps ? "/" : HttpPath,
        Secure = request.IsHttps,
    };

    // Parsed from the raw headers: the request's cookie collection keeps one value per name.
    private static IEnumerable<string> Candidates(HttpRequest request, string name)
    {
        if (!CookieHeaderValue.TryParseList(request.Headers.Cookie.Where(h => h is not null).Select(h => h!).ToList(), out var cookies) || cookies is null) yield break;
        foreach (var cookie in cookies)
            if (cookie.Name.Equals(name, StringComparison.Ordinal) && cookie.Value.Length > 0)
                yield return cookie.Value.ToString();
    }
}
