using System.Text;
using Hub.Contracts.Security;
using Hub.Tests.Infrastructure;
using Xunit.Abstractions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Tests.Host.Security;

/// <summary>
/// Walks every endpoint the running host has mapped (so endpoints added later are covered without touching
/// this test) with no key, a wrong key and a key of each role, and checks the answer against what the
/// endpoint declares: 401 without a valid key, 403 for a role below the declared one, neither otherwise.
/// </summary>
[Collection(AccessCollection.Name)]
public sealed class EndpointAccessTests(AccessFixture fixture, ITestOutputHelper output)
{
    /// <summary>What is public on purpose: liveness, health, metrics (Prometheus scrapes without a key), the API reference, the admin sign-in and its script, the language switch (it only sets a cookie, and the sign-in page offers it). Nothing else may be anonymous.</summary>
    private static bool PublicByName(string path) =>
        path == "/" || path.StartsWith("/health/", StringComparison.Ordinal) || path == "/metrics" || path == "/docs" ||
        path == "/admin/sign-in" || path.StartsWith("/admin/assets/", StringComparison.Ordinal) || path == "/admin/language/{lang}" ||
        path.StartsWith("/docs/", StringComparison.Ordinal) || path.StartsWith("/openapi/", StringComparison.Ordinal);

    /// <summary>FastEndpoints maps its test-helper route itself, without a way to declare roles; the hub's fallback makes it admin-only.</summary>
    private const string FastEndpointsTestRoute = "/_test_url_cache_";

    private const string WrongKey = "no-such-key-0c4e2b7a9d";

    private sealed record Route(string Method, string Path, string Url, bool Anonymous, IReadOnlyList<string> Roles)
    {
        public override string ToString() => $"{Method} {Path}";
    }

    private IReadOnlyList<Route> Routes()
    {
        var routes = new List<Route>();
        foreach (var endpoint in fixture.Host.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var path = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var roles = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>()
                .SelectMany(a => (a.Roles ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .Distinct().ToArray();
            if (path == FastEndpointsTestRoute && roles.Length == 0 && !anonymous) roles = [HubRoles.Admin];
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            foreach (var method in methods)
                routes.Add(new Route(method, path, SampleUrl(endpoint.RoutePattern), anonymous, roles));
        }
        return routes.DistinctBy(r => (r.Method, r.Path)).OrderBy(r => r.Path).ThenBy(r => r.Method).ToList();
    }

    /// <summary>A concrete URL for a route: a fixed value of the right shape for each parameter.</summary>
    private static string SampleUrl(RoutePattern pattern)
    {
        var url = new StringBuilder();
        foreach (var segment in pattern.PathSegments)
        {
            url.Append('/');
            foreach (var part in segment.Parts)
                url.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternSeparatorPart separator => separator.Content,
                    RoutePatternParameterPart p when pattern.ParameterPolicies.TryGetValue(p.Name, out var policies)
                                                    && policies.Any(x => x.Content is "guid") => "0b7f4c3e-9d2a-4e51-8c6b-3a1f2e4d5c6b",
                    RoutePatternParameterPart p when pattern.ParameterPolicies.TryGetValue(p.Name, out var policies)
                                                    && policies.Any(x => x.Content is "int" or "long") => "1",
                    _ => "sample"
                });
        }
        return url.Length == 0 ? "/" : url.ToString();
    }

    [Fact]
    public void every_endpoint_is_public_by_name_or_declares_the_roles_it_needs()
    {
        var routes = Routes();
        Assert.Contains(routes, r => r.Path == "/api/v1/logs" && r.Method == "GET");
        var wrong = routes.Where(r => r.Anonymous ? !PublicByName(r.Path) : r.Roles.Count == 0).Select(r => r.ToString()).ToList();
        Assert.True(wrong.Count == 0,
            "anonymous without being on the public list, or protected without declaring a role: " + string.Join(", ", wrong));
        var unknown = routes.SelectMany(r => r.Roles).Where(role => HubRoles.Parse(role) != role).Distinct().ToList();
        Assert.True(unknown.Count == 0, "roles that are not hub roles: " + string.Join(", ", unknown));
    }

    [Fact]
    public async Task every_endpoint_answers_each_caller_as_its_declared_role_says()
    {
        var callers = new List<(string Who, string? Key, IReadOnlyList<string> Holds)>
        {
            ("no key", null, []),
            ("wrong key", WrongKey, []),
        };
        callers.AddRange(HubRoles.All.Select(role => (role, (string?)TestKeys.For(role), HubRoles.Implied(role))));

        var failures = new List<string>();
        var walked = 0;
        foreach (var route in Routes())
        foreach (var (who, key, holds) in callers)
        {
            var (status, contentType, body) = await SendAsync(route, key);
            walked++;
            output.WriteLine($"{route,-45} {who,-10} {status}");
            string expected;
            bool ok;
            if (route.Anonymous)
            {
                expected = "neither 401 nor 403";
                ok = status is not (401 or 403);
            }
            else if (key is null || key == WrongKey)
            {
                expected = "401";
                ok = status == 401;
            }
            else if (holds.Intersect(route.Roles).Any())
            {
                expected = "neither 401 nor 403";
                ok = status is not (401 or 403);
            }
            else
            {
                expected = "403";
                ok = status == 403;
            }
            if (ok && status is 401 or 403 && !(contentType ?? "").StartsWith("application/problem+json", StringComparison.Ordinal))
            {
                ok = false;
                expected += " as problem details";
            }
            if (key is not null && body.Contains(key, StringComparison.Ordinal))
            {
                ok = false;
                expected += " without echoing the key";
            }
            if (!ok) failures.Add($"{route} as {who}: got {status}, expected {expected} (declares {string.Join("|", route.Roles)})");
        }
        Assert.True(walked >= 6 * 5, $"walked only {walked} requests");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private async Task<(int Status, string? ContentType, string Body)> SendAsync(Route route, string? key)
    {
        using var client = fixture.Client(key);
        using var request = new HttpRequestMessage(new HttpMethod(route.Method), route.Url);
        if (route.Method is "POST" or "PUT" or "PATCH")
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        // Headers are enough to judge access; a streamed body (an export, a tail) is not read to its end.
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        var status = (int)response.StatusCode;
        var body = status is 401 or 403 ? await response.Content.ReadAsStringAsync(cts.Token) : "";
        return (status, response.Content.Headers.ContentType?.MediaType, body);
    }
}
