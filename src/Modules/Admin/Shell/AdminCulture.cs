using System.Globalization;
using FastEndpoints;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Admin.Shell;

/// <summary>
/// The pages' language: Russian unless Admin:Culture says otherwise, and each user's own choice kept in a cookie.
/// Only /admin follows it; the API stays as it was.
/// </summary>
public static class AdminCulture
{
    public const string CookieName = "hub_lang";
    public static readonly string[] Supported = ["ru", "en"];

    private static string _default = "ru";

    public static IServiceCollection AddAdminCulture(this IServiceCollection services, IConfiguration configuration)
    {
        _default = configuration["Admin:Culture"] is { Length: >= 2 } c && Supported.Contains(c[..2].ToLowerInvariant()) ? c[..2].ToLowerInvariant() : "ru";
        return services;
    }

    /// <summary>The language a request asked for by its cookie (ASP.NET's "c=en|uic=en" form), else the configured default.</summary>
    public static string Of(HttpContext context)
    {
        var cookie = context.Request.Cookies[CookieName];
        var asked = cookie is null ? null : CookieRequestCultureProvider.ParseCookieValue(cookie)?.UICultures.FirstOrDefault().Value;
        return asked is { Length: >= 2 } a && Supported.Contains(a[..2].ToLowerInvariant()) ? a[..2].ToLowerInvariant() : _default;
    }

    /// <summary>
    /// Called by the host before the endpoints. Only the UI culture changes: the pages' words follow it, while parsing,
    /// health checks and everything else a request runs keep the process's culture.
    /// </summary>
    public static IApplicationBuilder UseAdminCulture(this IApplicationBuilder app) =>
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/admin"), a => a.Use(async (context, next) =>
        {
            var previous = CultureInfo.CurrentUICulture;
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(Of(context));
            try { await next(context); }
            finally { CultureInfo.CurrentUICulture = previous; }
        }));
}

/// <summary>Keeps the chosen language for a year and returns to the page it was chosen on (only a page of this site).</summary>
public sealed class ChooseLanguageEndpoint : EndpointWithoutRequest
{
    public override void Configure()
    {
        Get("/admin/language/{lang}");
        AllowAnonymous();
        Description(d => d.ExcludeFromDescription());
    }

    public override Task HandleAsync(CancellationToken ct)
    {
        var lang = Route<string>("lang", false)?.ToLowerInvariant();
        if (lang is null || !AdminCulture.Supported.Contains(lang)) lang = AdminCulture.Supported[0];
        HttpContext.Response.Cookies.Append(AdminCulture.CookieName, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(lang)),
            new CookieOptions { Path = "/admin", MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true, Secure = HttpContext.Request.IsHttps });
        var back = Query<string>("back", false);
        // A local path only: never an open redirect to another site (//host or a scheme).
        var target = back is { Length: > 1 } && back[0] == '/' && back[1] != '/' && back[1] != '\\' && back.StartsWith("/admin", StringComparison.Ordinal) ? back : "/admin";
        return Send.RedirectAsync(target);
    }
}
