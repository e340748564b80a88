using FastEndpoints;
using Hub.Admin.Shell;
using Hub.Contracts.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace Hub.Admin.SignIn;

/// <summary>The sign-in form: one field for an API key. The key itself is never stored in the cookie or shown back.</summary>
public sealed class SignInPageEndpoint : EndpointWithoutRequest
{
    public override void Configure()
    {
        Get(AdminAuth.SignInPath);
        AllowAnonymous();
        Description(d => d.ExcludeFromDescription());
    }

    public override Task HandleAsync(CancellationToken ct) =>
        AdminResponse.PageAsync(HttpContext, AdminText.T("Sign in"), SignInView.Form(HttpContext, Query<string>("return_url", false), null), ct);
}

public sealed class SignInEndpoint(IApiKeyVerifier verifier) : EndpointWithoutRequest
{
    public override void Configure()
    {
        Post(AdminAuth.SignInPath);
        AllowAnonymous();
        Description(d => d.ExcludeFromDescription());
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var form = await AdminForms.ReadAsync(HttpContext, ct);
        if (form is null) return;
        var returnUrl = form["return_url"].ToString();
        var key = verifier.Verify(form["api_key"].ToString());
        if (key is null || !key.Roles.Contains(HubRoles.Viewer))
        {
            var message = key is null ? AdminText.T("That key is not recognised.") : AdminText.T("That key may only write logs; the admin pages need a viewer key or higher.");
            await AdminResponse.PageAsync(HttpContext, AdminText.T("Sign in"), SignInView.Form(HttpContext, returnUrl, message), ct, StatusCodes.Status401Unauthorized);
            return;
        }
        await HttpContext.SignInAsync(AdminAuth.CookieScheme, AdminAuth.SessionPrincipal(key));
        // Only a local path: a crafted return_url must not send a signed-in person to another site. Without one, the dashboard.
        var target = returnUrl.StartsWith("/admin", StringComparison.Ordinal) && !returnUrl.StartsWith("//", StringComparison.Ordinal) ? returnUrl : "/admin";
        await Send.RedirectAsync(target);
    }
}

public sealed class SignOutEndpoint : EndpointWithoutRequest
{
    public override void Configure()
    {
        Post("/admin/sign-out");
        Group<AdminPages>();
        Roles(HubRoles.Viewer);
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        if (await AdminForms.ReadAsync(HttpContext, ct) is null) return;
        await HttpContext.SignOutAsync(AdminAuth.CookieScheme);
        await Send.RedirectAsync(AdminAuth.SignInPath);
    }
}

public static class SignInView
{
    public static string Form(HttpContext context, string? returnUrl, string? error) =>
        (error is null ? "" : Html.Alert(error)) +
        $"""
        <form method="post" action="{AdminAuth.SignInPath}" class="filters" autocomplete="off">
        {AdminForms.HiddenField(context)}
        <input type="hidden" name="return_url" value="{Html.E(returnUrl)}">
        <label>{Html.E(AdminText.T("API key"))} <input type="password" name="api_key" size="48" required autofocus></label>
        <button type="submit">{Html.E(AdminText.T("Sign in to the hub"))}</button>
        </form>
        <p class="muted">{Html.E(AdminText.T("A viewer key reads; an operator key also triggers runs, replays dead letters and pauses schedules."))}</p>
        """;
}
