using System.Diagnostics;
using System.Text;
using Hub.Contracts.Logging;
using Hub.Logs.Writing;
using Hub.Tests.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Weasel.Core;

namespace Hub.Tests.Host.Commands.Logs;

/// <summary>A hub host on the database the command-line runs use: it applies the schema and seeds logs the way the hub writes them.</summary>
public sealed class LogsCommandFixture : HubFixture
{
    protected override string DatabaseName => "cli_logs";
}

[CollectionDefinition(Name)]
public sealed class LogsCommandCollection : ICollectionFixture<LogsCommandFixture>
{
    public const string Name = "cli-logs";
}

/// <summary>`logs tail|export|stats|prune`, run as processes against a real database.</summary>
[Collection(LogsCommandCollection.Name)]
public sealed class LogsCommandTests(LogsCommandFixture fixture) : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    public Task InitializeAsync() => fixture.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private Dictionary<string, string?> Env => new() { ["ConnectionStrings__Hub"] = fixture.ConnectionString };

    private Task<Processes.Result> RunAsync(params string[] args) => HubProcess.RunAsync(Env, Timeout, args);

    private async Task SeedAsync(params LogEntry[] entries)
    {
        var docs = entries.Select(e => LogNormalizer.Normalize(e, Guid.CreateVersion7(), DateTimeOffset.UtcNow)).ToList();
        await fixture.Store.BulkInsertAsync(docs, BulkInsertMode.InsertsOnly);
    }

    private async Task<long> CountAsync()
    {
        await using var conn = new NpgsqlConnection(fixture.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("select count(*) from hub.mt_doc_integration_log", conn);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task tail_shows_the_latest_logs_then_follows_new_ones_through_its_filters_until_ctrl_c()
    {
        await SeedAsync(
            new LogEntry { ProcessName = "tail_a", Message = "old 1" },
            new LogEntry { ProcessName = "tail_a", Message = "old 2" },
            new LogEntry { ProcessName = "tail_a", Message = "old 3" },
            new LogEntry { ProcessName = "tail_other", Message = "not this one" });

        using var process = Process.Start(HubProcess.StartInfo(Env, "logs", "tail", "--process", "tail_a", "--lines", "2", "--interval", "0.2"))!;
        var stderr = process.StandardError.ReadToEndAsync();
        var seen = new List<string>();
        try
        {
            using var cts = new CancellationTokenSource(Timeout);
            async Task UntilAsync(string text)
            {
                while (!seen.Any(l => l.Contains(text)) && await process.StandardOutput.ReadLineAsync(cts.Token) is { } line)
                    if (line.Contains(" tail_")) seen.Add(line);
            }

            await UntilAsync("old 3");
            var writer = fixture.Host.Services.GetRequiredService<IIntegrationLogWriter>();
            writer.Write(new LogEntry { ProcessName = "tail_a", Message = "new 1", ExternalSystem = "moysklad", Status = "success", ElapsedMs = 12 });
            writer.Write(new LogEntry { ProcessName = "tail_other", Message = "not this one either" });
            writer.Write(new LogEntry { ProcessName = "tail_a", Message = "new 2", Level = "error" });
            await writer.FlushAsync(cts.Token);
            await UntilAsync("new 2");

            Assert.Equal(["old 2", "old 3", "new 1", "new 2"], seen.Select(l => l.Split(" — ")[1]));
            Assert.Contains("INFO    moysklad tail_a success 12 ms — new 1", seen[2]);
            Assert.Contains("ERROR", seen[3]);

            // Ctrl+C
            using (var kill = Process.Start("kill", ["-INT", process.Id.ToString()])) await kill.WaitForExitAsync(cts.Token);
            await process.WaitForExitAsync(cts.Token);
            Assert.Equal(0, process.ExitCode);
            Assert.Contains("Ctrl+C stops", await stderr);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public async Task export_writes_the_filtered_logs_to_a_file()
    {
        await SeedAsync(
            new LogEntry { Ts = T0, ProcessName = "exp", Message = "Отгрузка «Бестужевых», \"срочно\"" },
            new LogEntry { Ts = T0.AddMinutes(1), ProcessName = "exp", Message = "second" },
            new LogEntry { Ts = T0, ProcessName = "other", Message = "left out" });
        var dir = Directory.CreateTempSubdirectory("hub-export-");
        try
        {
            var csv = Path.Combine(dir.FullName, "logs.csv");
            var result = await RunAsync("logs", "export", "--process", "exp", "--out", csv);
            Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
            Assert.Contains($"exported 2 logs to {csv}", result.Stdout);
            var rows = Csv.Parse(Encoding.UTF8.GetString(File.ReadAllBytes(csv).AsSpan(3)));
            Assert.Equal(3, rows.Count);
            Assert.Equal(["second", "Отгрузка «Бестужевых», \"срочно\""], rows.Skip(1).Select(r => r[Array.IndexOf(rows[0], "message")]));

            var ndjson = Path.Combine(dir.FullName, "logs.ndjson");
            result = await RunAsync("logs", "export", "--format", "ndjson", "--process", "exp", "--from", "2026-11-20T09:00:30Z", "--out", ndjson);
            Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
            Assert.Single(File.ReadAllLines(ndjson), l => l.Contains("\"message\": \"second\""));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task stats_prints_a_table_of_the_rollups()
    {
        await SeedAsync(
            new LogEntry { Ts = T0.AddMinutes(5), ProcessName = "st", ExternalSystem = "1c", Status = "success", ElapsedMs = 100 },
            new LogEntry { Ts = T0.AddMinutes(6), ProcessName = "st", ExternalSystem = "1c", Status = "failed", ElapsedMs = 300 },
            new LogEntry { Ts = T0.AddMinutes(7), ProcessName = "st", ExternalSystem = "moysklad", Status = "retrying" });
        var result = await RunAsync("logs", "stats", "--bucket", "hour", "--from", "2026-11-20T09:00:00Z", "--to", "2026-11-20T10:00:00Z", "--tz", "UTC");
        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        var lines = result.Stdout.Split('\n').Select(l => l.TrimEnd()).ToList();
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^2026-11-20 09:00\s+1c\s+\*\s+2\s+1\s+1\s+0\s+200\.0\s+\d+$"));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^2026-11-20 09:00\s+moysklad\s+\*\s+1\s+0\s+0\s+1\s+-\s+-$"));
    }

    [Fact]
    public async Task prune_shows_the_counts_first_and_a_dry_run_deletes_nothing()
    {
        var now = DateTimeOffset.UtcNow;
        await SeedAsync(
            new LogEntry { Ts = now.AddDays(-100), ProcessName = "pr", Status = "success" },
            new LogEntry { Ts = now.AddDays(-100), ProcessName = "pr", Status = "failed" },
            new LogEntry { Ts = now.AddDays(-200), ProcessName = "pr", Status = "failed" },
            new LogEntry { Ts = now.AddDays(-1), ProcessName = "pr", Status = "success" });

        var dry = await RunAsync("logs", "prune", "--dry-run");
        Assert.True(dry.ExitCode == 0, dry.Stdout + dry.Stderr);
        Assert.Contains("due: 1 successful, 1 older, 2 in all", dry.Stdout);
        Assert.Contains("dry run: nothing deleted", dry.Stdout);
        Assert.Equal(4, await CountAsync());

        var real = await RunAsync("logs", "prune");
        Assert.True(real.ExitCode == 0, real.Stdout + real.Stderr);
        Assert.True(real.Stdout.IndexOf("due: 1 successful, 1 older", StringComparison.Ordinal) < real.Stdout.IndexOf("deleted: 1 successful, 1 older, 2 in all", StringComparison.Ordinal));
        Assert.Equal(2, await CountAsync());

        var custom = await RunAsync("logs", "prune", "--dry-run", "--success-days", "2", "--all-days", "50");
        Assert.Contains("due: 0 successful, 1 older, 1 in all", custom.Stdout);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("export", "--format", "xlsx")]
    [InlineData("export", "--out", "/no/such/dir/x.csv")]
    [InlineData("tail", "--run-id", "not-a-uuid")]
    [InlineData("tail", "--interval", "soon")]
    [InlineData("stats", "--tz", "Mars/Olympus")]
    [InlineData("stats", "--from", "2026-11-02T00:00:00Z", "--to", "2026-11-01T00:00:00Z")]
    [InlineData("prune", "--all-days", "0")]
    public async Task bad_input_is_one_line_on_stderr_and_a_non_zero_exit(params string[] args)
    {
        var result = await RunAsync(["logs", .. args]);
        Assert.NotEqual(0, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"logs {args[0]}: ", line);
    }
}
