using Hub.Tests.Infrastructure;

namespace Hub.Tests.Host;

/// <summary>The JasperFx command line and the schema gate, run as real processes against real databases.</summary>
public sealed class CommandLineTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    private static Dictionary<string, string?> Env(string connection, bool? migrations = null)
    {
        // The keys a production operator configures; without them a server refuses to start (StartupAccessTests).
        var env = new Dictionary<string, string?>(TestKeys.Environment()) { ["ConnectionStrings__Hub"] = connection };
        if (migrations is { } m) env["RUN_MIGRATIONS_ON_STARTUP"] = m ? "true" : "false";
        return env;
    }

    [Fact]
    public async Task help_lists_the_diagnostic_commands()
    {
        var result = await HubProcess.RunAsync(new Dictionary<string, string?>(), Timeout, "help");
        Assert.Equal(0, result.ExitCode);
        foreach (var command in new[] { "describe", "resources", "db-assert", "db-apply", "codegen", "storage", "logs" })
            Assert.Contains(command, result.Stdout);
    }

    [Fact]
    public async Task help_lists_the_hubs_own_commands_before_the_internals_and_prints_nothing_else()
    {
        var result = await HubProcess.RunAsync(new Dictionary<string, string?>(), Timeout, "help");
        Assert.Equal(0, result.ExitCode);
        var text = result.Stdout;
        var internals = text.IndexOf("Marten and Wolverine commands", StringComparison.Ordinal);
        Assert.True(internals > 0, text);
        foreach (var own in new[] { "check-connections", "dead-letters", "logs", "replenish", "schedules" })
            Assert.InRange(text.IndexOf($"  {own} ", StringComparison.Ordinal), 0, internals);
        foreach (var other in new[] { "db-apply", "codegen", "projections", "storage" })
            Assert.True(text.IndexOf($"  {other} ", StringComparison.Ordinal) > internals, other);
        // No discovery banner, no host start-up log lines, no build output.
        Assert.DoesNotContain("Searching", text + result.Stderr);
        Assert.DoesNotContain("FastEndpoints", text + result.Stderr);
        Assert.DoesNotContain(" INF ", text);
        Assert.StartsWith("Integration Hub commands:", text.TrimStart());
    }

    [Fact]
    public async Task the_code_of_every_handler_generates()
    {
        // A handler Wolverine cannot build (a service it cannot inline, a frame it cannot place) fails only when its first message arrives.
        var cs = await TestDatabase.CreateAsync("cli_describe");
        var result = await HubProcess.RunAsync(Env(cs), Timeout, "codegen", "preview");
        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Contains("PlanReplenishmentHandler", result.Stdout);
        Assert.Contains("SendCustomerOrderHandler", result.Stdout);
    }

    [Fact]
    public async Task describe_works_against_the_database()
    {
        var cs = await TestDatabase.CreateAsync("cli_describe");
        var result = await HubProcess.RunAsync(Env(cs), Timeout, "describe");
        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Contains("Wolverine", result.Stdout);
        Assert.Contains("Message Routing", result.Stdout);
        Assert.Contains("local://run-deliv", result.Stdout);
        // describe prints every configuration value; the connection string's password must not be among them.
        Assert.Contains("ConnectionStrings", result.Stdout);
        Assert.DoesNotContain("Password=hub", result.Stdout + result.Stderr);
        Assert.Contains("── Keys", result.Stdout);
        Assert.DoesNotContain(TestKeys.Viewer, result.Stdout + result.Stderr);
    }

    [Fact]
    public async Task db_assert_fails_on_an_empty_database_and_passes_after_db_apply()
    {
        var cs = await TestDatabase.CreateAsync("cli_assert", fresh: true);
        var before = await HubProcess.RunAsync(Env(cs), Timeout, "db-assert");
        Assert.NotEqual(0, before.ExitCode);

        var apply = await HubProcess.RunAsync(Env(cs), Timeout, "db-apply");
        Assert.True(apply.ExitCode == 0, apply.Stdout + apply.Stderr);

        var after = await HubProcess.RunAsync(Env(cs), Timeout, "db-assert");
        Assert.True(after.ExitCode == 0, after.Stdout + after.Stderr);
    }

    [Fact]
    public async Task with_migrations_off_a_stale_schema_stops_start_up_with_one_line_naming_the_fix()
    {
        var cs = await TestDatabase.CreateAsync("cli_gate", fresh: true);
        var result = await HubProcess.RunAsync(
            new Dictionary<string, string?>(Env(cs, migrations: false)) { ["ASPNETCORE_URLS"] = "http://127.0.0.1:0" }, Timeout);

        Assert.Equal(3, result.ExitCode);
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Contains("db-apply", lines[0]);

        // Nothing was created behind the operator's back.
        await using var conn = new Npgsql.NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand("select count(*) from information_schema.tables where table_schema in ('hub', 'wolverine')", conn);
        Assert.Equal(0L, await cmd.ExecuteScalarAsync());
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("json")]
    public async Task the_server_starts_as_a_process_and_logs_in_the_chosen_format(string format)
    {
        var cs = await TestDatabase.CreateAsync("cli_serve");
        var env = new Dictionary<string, string?>(Env(cs)) { ["ASPNETCORE_URLS"] = "http://127.0.0.1:0", ["HUB_LOG_FORMAT"] = format };
        using var process = System.Diagnostics.Process.Start(HubProcess.StartInfo(env))!;
        var seen = new List<string>();
        try
        {
            using var cts = new CancellationTokenSource(Timeout);
            while (await process.StandardOutput.ReadLineAsync(cts.Token) is { } line)
            {
                seen.Add(line);
                if (line.Contains("Integration Hub is up")) break;
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
        }
        var up = Assert.Single(seen, l => l.Contains("Integration Hub is up"));
        if (format == "json")
        {
            using var doc = System.Text.Json.JsonDocument.Parse(up);
            Assert.Contains("Integration Hub is up", doc.RootElement.GetProperty("@m").GetString());
        }
        else
        {
            Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} INF ", up);
        }
        Assert.Contains("http://127.0.0.1:", up);
    }

    [Fact]
    public async Task without_a_connection_string_the_hub_says_how_to_configure_one()
    {
        var result = await HubProcess.RunAsync(new Dictionary<string, string?>(), Timeout, "db-assert");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("ConnectionStrings__Hub", result.Stderr);
    }
}
