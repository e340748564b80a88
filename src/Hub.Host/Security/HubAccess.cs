using Hub.Contracts.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace Hub.Host.Security;

/// <summary>Wires API-key authentication and the hub's authorization rules.</summary>
public static class HubAccess
{
    public static IServiceCollection AddHubAccess(this IServiceCollection services, ApiKeyRing ring)
    {
        services.AddSingleton(ring);
        services.AddSingleton<IApiKeyVerifier, ApiKeyVerifier>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorization(o =>
        {
            // An endpoint that declares neither a role nor AllowAnonymous is admin-only instead of open; the access
            // test fails on such an endpoint anyway. What routing answers itself (404 no such path, 405 wrong method,
            // 415 wrong content type) is not a route endpoint and passes through, so a caller learns what is wrong.
            o.FallbackPolicy = new AuthorizationPolicyBuilder(ApiKeyAuthenticationHandler.SchemeName)
                .RequireAssertion(c => c.Resource is HttpContext http && http.GetEndpoint() is not RouteEndpoint || c.User.IsInRole(HubRoles.Admin))
                .Build();
        });
        return services;
    }
}
