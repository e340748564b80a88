using System.Security.Claims;
using Hub.Admin.SignIn;
using Hub.Contracts.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Admin.Shell;

/// <summary>
/// How the admin pages know who is there: a cookie set by the sign-in form, or an API key sent as a header (what
/// scripts and the tests use). One policy scheme picks between the two per request, so an endpoint names one scheme
/// and a refusal comes from the scheme that was asked.
/// </summary>
public static class AdminAuth
{
    public const string Scheme = "AdminPages";
    public const string CookieScheme = "AdminCookie";

    /// <summary>The host's API-key scheme (Hub.Host.Security.ApiKeyAuthenticationHandler.SchemeName); the module cannot reference the host.</summary>
    public const string ApiKeyScheme = "ApiKey";

    public const string SignInPath = "/admin/sign-in";

    /// <summary>Names the key behind a session (<see cref="VerifiedKey.Fingerprint"/>); it stays in the server-side ticket.</summary>
    public const string KeyFingerprintClaim = "hub:key-fingerprint";

    public static void AddAdminAuthentication(this IServiceCollection services, AdminSessionOptions sessions)
    {
        var absolute = sessions.Absolute;
        services.AddSingleton(sessions);
        services.AddAntiforgery(o =>
        {
            // Over HTTPS AdminAntiforgeryCookie turns it into __Host-hub_admin_csrf on path /.
            o.Cookie.Name = AdminAntiforgeryCookie.HttpName;
            o.Cookie.Path = AdminCookieManager.HttpPath;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.FormFieldName = AdminForms.TokenField;
            o.HeaderName = AdminForms.TokenHeader;
        });
        services.AddSingleton<AdminSessionStore>();
        services.AddOptions<CookieAuthenticationOptions>(CookieScheme).Configure<AdminSessionStore>((o, store) => o.SessionStore = store);
        services.AddAuthentication()
            .AddPolicyScheme(Scheme, "Admin pages", o => o.ForwardDefaultSelector = c => PresentsApiKey(c.Request) ? ApiKeyScheme : CookieScheme)
            .AddCookie(CookieScheme, o =>
            {
                // The name and path depend on the scheme of the request (AdminCookieManager): __Host- over HTTPS.
                o.Cookie.Name = AdminCookieManager.HttpName;
                o.CookieManager = new AdminCookieManager();
                o.Cookie.HttpOnly = true;
                // Strict: no other site can make the browser send the session, on top of the antiforgery token.
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.Path = AdminCookieManager.HttpPath;
                // A browser-session cookie whose ticket lives in the database (AdminSessionStore), which also ends it
                // when idle, at its absolute limit, at sign-out, or when its key is removed; the cookie's own limit is the absolute one.
                o.ExpireTimeSpan = absolute;
                o.SlidingExpiration = false;
                o.LoginPath = SignInPath;
                o.Events.OnRedirectToLogin = c => Refuse(c, StatusCodes.Status401Unauthorized, "Sign in at /admin/sign-in with an API key first.");
                o.Events.OnRedirectToAccessDenied = c => Refuse(c, StatusCodes.Status403Forbidden,
                    $"You are signed in as {c.HttpContext.User.Identity?.Name} ({AdminUser.RoleOf(c.HttpContext.User)}); this needs a higher role.");
            });
    }

    public static bool PresentsApiKey(HttpRequest request) =>
        request.Headers["X-Api-Key"].ToString().Length > 0 ||
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    /// <summary>A browser navigating gets the sign-in page; htmx is told to go there; anything else gets problem details like the API.</summary>
    private static Task Refuse(RedirectContext<CookieAuthenticationOptions> context, int status, string detail)
    {
        var request = context.Request;
        var isHtmx = request.Headers.ContainsKey("HX-Request");
        var wantsHtml = request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
        if (status == StatusCodes.Status401Unauthorized && isHtmx)
        {
            context.Response.StatusCode = status;
            context.Response.Headers["HX-Redirect"] = SignInPath;
            return Task.CompletedTask;
        }
        if (status == StatusCodes.Status401Unauthorized && wantsHtml && HttpMethods.IsGet(request.Method))
        {
            context.Response.Redirect(SignInPath + "?return_url=" + Uri.EscapeDataString(request.Path + request.QueryString));
            return Task.CompletedTask;
        }
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new
        {
            type = status == 401 ? "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2" : "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.4",
            title = status == 401 ? "Unauthorized" : "Forbidden",
            status,
            detail,
            instance = request.Path.Value,
        }, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
    }

    public static ClaimsPrincipal SessionPrincipal(VerifiedKey key)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, key.Name), new(KeyFingerprintClaim, key.Fingerprint) };
        claims.AddRange(key.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieScheme));
    }
}
