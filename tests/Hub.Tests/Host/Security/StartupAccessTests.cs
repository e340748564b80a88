using System.Diagnostics;
using System.Text.RegularExpressions;
using Hub.Tests.Infrastructure;

namespace Hub.Tests.Host.Security;

/// <summary>The hub as a process: it never serves without a key check.</summary>
public sealed partial class StartupAccessTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task in_production_without_keys_the_server_refuses_to_start_with_one_line()
    {
        var cs = await TestDatabase.CreateAsync("cli_serve");
        var result = await HubProcess.RunAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings__Hub"] = cs,
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
        }, Timeout);

        Assert.Equal(4, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Auth__Keys__0__Name", line);
        Assert.DoesNotContain("Integration Hub is up", result.Stdout);
    }

    [Fact]
    public async Task a_bad_key_setting_stops_start_up_with_one_line_naming_it()
    {
        var cs = await TestDatabase.CreateAsync("cli_serve");
        var result = await HubProcess.RunAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings__Hub"] = cs,
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["Auth__Keys__0__Name"] = "svc",
            ["Auth__Keys__0__Role"] = "writer",
            ["Auth__Keys__0__Key"] = "long-enough-key-0123456789",
        }, Timeout);

        Assert.Equal(4, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("Auth:Keys:0 (svc): Role 'writer'", line);
        Assert.DoesNotContain("long-enough-key-0123456789", result.Stdout + result.Stderr);
    }

    [Fact]
    public async Task in_production_a_one_character_legacy_trigger_token_stops_start_up_with_one_line_naming_it()
    {
        var cs = await TestDatabase.CreateAsync("cli_serve");
        var result = await HubProcess.RunAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings__Hub"] = cs,
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["Auth__Keys__0__Name"] = "svc",
            ["Auth__Keys__0__Role"] = "viewer",
            ["Auth__Keys__0__Key"] = "long-enough-key-0123456789",
            ["ADMIN_TRIGGER_TOKEN"] = "x",
        }, Timeout);

        Assert.Equal(4, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("Admin:TriggerToken (ADMIN_TRIGGER_TOKEN) is shorter than 16 characters", line);
        Assert.DoesNotContain("Integration Hub is up", result.Stdout);
    }

    [Fact]
    public async Task in_development_without_keys_the_server_prints_a_development_admin_key_that_works()
    {
        var cs = await TestDatabase.CreateAsync("cli_serve");
        var env = new Dictionary<string, string?>
        {
            ["ConnectionStrings__Hub"] = cs,
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
        };
        using var process = Process.Start(HubProcess.StartInfo(env))!;
        string? url = null, key = null;
        var keyLines = 0;
        try
        {
            using var cts = new CancellationTokenSource(Timeout);
            while (await process.StandardOutput.ReadLineAsync(cts.Token) is { } line)
            {
                if (line.Contains("Integration Hub is up") && Url().Match(line) is { Success: true } u) url = u.Value;
                if (line.StartsWith("Development API key (role admin): ", StringComparison.Ordinal))
                {
                    keyLines++;
                    key = line["Development API key (role admin): ".Length..].Trim();
                }
                if (url is not null && key is not null) break;
            }
            Assert.NotNull(url);
            Assert.NotNull(key);
            Assert.Equal(1, keyLines);
            Assert.True(key.Length >= 40);

            using var http = new HttpClient { BaseAddress = new Uri(url) };
            Assert.Equal(401, (int)(await http.GetAsync("/api/v1/logs")).StatusCode);
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/logs");
            request.Headers.Add("X-Api-Key", key);
            Assert.Equal(200, (int)(await http.SendAsync(request)).StatusCode);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
        }
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+")]
    private static partial Regex Url();
}
