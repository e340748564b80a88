using System.Text.Json;
using Alba;
using Hub.Host.Security;
using Hub.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Tests.Host.Api;

/// <summary>
/// Every endpoint the hub maps, asked while its PostgreSQL is stopped, in Production and in Development: a problem detail
/// (a readable page for the admin) with the reason, never a 500, a stack trace or the request's own headers echoed back.
/// </summary>
public sealed class HubExceptionHandlerTests : IAsyncLifetime
{
    private PrivatePostgres _postgres = null!;
    private readonly List<(string Environment, IAlbaHost Host)> _hosts = [];

    public async Task InitializeAsync()
    {
        _postgres = await PrivatePostgres.StartAsync();
        foreach (var environment in new[] { "Production", "Development" })
            _hosts.Add((environment, await HubFixture.StartHostAsync(_postgres.ConnectionString,
                new Dictionary<string, string?> { ["environment"] = environment })));
    }

    public async Task DisposeAsync()
    {
        foreach (var (_, host) in _hosts) await host.DisposeAsync();
        await _postgres.DisposeAsync();
    }

    /// <summary>What the issue named as answering 500 before: each must say 503 with a reason.</summary>
    private static readonly (string Method, string Path)[] MustBe503 =
    [
        ("POST", "/api/v1/trigger/internal-replenishment"), ("GET", "/api/v1/runs"), ("GET", "/api/v1/runs/{id:guid}"),
        ("GET", "/api/v1/dead-letters"), ("GET", "/api/v1/dead-letters/{id:guid}"), ("GET", "/api/v1/logs"), ("GET", "/api/v1/schedules"),
    ];

    [Fact]
    public async Task with_the_database_down_every_endpoint_answers_a_problem_detail_or_a_readable_page_in_every_environment()
    {
        await _postgres.StopServerAsync();
        var canary = $"canary-{Guid.NewGuid():N}";
        foreach (var (environment, host) in _hosts)
        {
            var endpoints = host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
                .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Method: m, Pattern: e.RoutePattern)))
                .Distinct().ToArray();
            Assert.True(endpoints.Length > 30, $"{environment}: only {endpoints.Length} endpoints found");
            Assert.All(MustBe503, m => Assert.Contains(endpoints, e => e.Method == m.Method && e.Pattern.RawText == m.Path));

            using var client = host.Server.CreateClient();
            client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.HeaderName, TestKeys.Admin);
            client.DefaultRequestHeaders.Add("X-Canary", canary);
            foreach (var (method, pattern) in endpoints)
            {
                var url = "/" + string.Join('/', pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
                {
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart l => l.Content,
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart { Name: "id" } => Guid.NewGuid().ToString(),
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart { Name: "name" } => "replenishment",
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart { Name: "action" } => "pause",
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart { Name: "documentName" } => "v1",
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart => "x",
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternSeparatorPart s => s.Content,
                    _ => "",
                }))));
                HttpResponseMessage answer;
                try
                {
                    answer = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url));
                }
                catch (HttpRequestException ex)
                {
                    // A response that started and broke off (a download begun before the database was needed) is no answer.
                    throw new Xunit.Sdk.XunitException($"{environment} {method} {url} broke off: {ex.Message}");
                }
                var status = (int)answer.StatusCode;
                var text = await answer.Content.ReadAsStringAsync();
                var what = $"{environment} {method} {url} answered {status} {answer.Content.Headers.ContentType}: {text[..Math.Min(text.Length, 600)]}";

                Assert.True(status != 500, what);
                Assert.DoesNotContain(canary, text);
                Assert.DoesNotContain("   at ", text);
                if (MustBe503.Contains((method, pattern.RawText!))) Assert.True(status == 503, what);
                if (status < 400) continue;
                // An error answer names no exception type (the metrics page, a 200, counts them by type on purpose).
                Assert.DoesNotContain("Npgsql.", text);

                if (url.StartsWith("/admin", StringComparison.Ordinal))
                {
                    Assert.StartsWith("text/html", answer.Content.Headers.ContentType?.ToString());
                    if (status == 503) Assert.Contains("База данных сейчас недоступна", text);
                    continue;
                }
                if (url.StartsWith("/health", StringComparison.Ordinal))
                {
                    // The health endpoints answer their own JSON, which names the failing part.
                    Assert.True(status == 503, what);
                    continue;
                }
                Assert.True(answer.Content.Headers.ContentType?.MediaType == "application/problem+json", what);
                var problem = JsonDocument.Parse(text).RootElement;
                Assert.Equal(status, problem.GetProperty("status").GetInt32());
                Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()), what);
                if (status >= 500)
                {
                    Assert.True(status == 503, what);
                    Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("reason").GetString()), what);
                    Assert.Equal(Hub.Host.Api.HubExceptionHandler.DatabaseUnavailableType, problem.GetProperty("type").GetString());
                    Assert.Contains("PostgreSQL cannot be reached", problem.GetProperty("detail").GetString());
                    Assert.True(answer.Headers.RetryAfter is not null, what);
                }
            }
        }
    }
}
