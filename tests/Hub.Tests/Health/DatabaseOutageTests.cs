using System.Text.Json;
using Alba;
using Hub.Contracts.Logging;
using Hub.Tests.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Tests.Health;

/// <summary>The hub on a PostgreSQL of its own that the test stops and starts again.</summary>
public sealed class DatabaseOutageTests : IAsyncLifetime
{
    private PrivatePostgresHost _db = null!;

    // A small queue, so the outage overflows it and the drop accounting shows.
    public async Task InitializeAsync() =>
        _db = await PrivatePostgresHost.StartAsync(new Dictionary<string, string?> { ["Logs:Writer:Capacity"] = "20" });

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<(int Status, JsonElement Body)> GetAsync(string url)
    {
        var result = await _db.Host.Scenario(s => { s.Get.Url(url); s.IgnoreStatusCode(); });
        return (result.Context.Response.StatusCode, await result.ReadJsonAsync());
    }

    private async Task<(int Status, JsonElement Body)> EventuallyAsync(string url, int status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var r = await GetAsync(url);
            if (r.Status == status || DateTime.UtcNow > deadline) return r;
            await Task.Delay(250);
        }
    }

    [Fact]
    public async Task health_reports_the_outage_keeps_serving_and_recovers_with_no_log_lost()
    {
        var (status, db) = await GetAsync("/health/db");
        Assert.Equal(200, status);
        Assert.True(db.GetProperty("round_trip_ms").GetDouble() >= 0);
        Assert.Equal(200, (await GetAsync("/health/ready")).Status);

        await _db.Postgres.StopServerAsync();

        (status, db) = await GetAsync("/health/db");
        Assert.Equal(503, status);
        Assert.Equal("unavailable", db.GetProperty("status").GetString());
        Assert.False(string.IsNullOrWhiteSpace(db.GetProperty("reason").GetString()));

        // Logs written during the outage wait in memory up to the queue's capacity; past it they are dropped
        // and counted. The caller is never blocked or failed either way.
        var writer = _db.Host.Services.GetRequiredService<IIntegrationLogWriter>();
        var written = Enumerable.Range(0, 50).Select(i => writer.Write(new LogEntry { ProcessName = "outage", Message = $"m{i}" })).ToArray();
        var accepted = written.Count(id => id is not null);
        Assert.InRange(accepted, 20, 49);

        var (readyStatus, ready) = await EventuallyAsync("/health/ready", 503);
        Assert.Equal(503, readyStatus);
        Assert.Equal("unhealthy", ready.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.Equal(200, (await GetAsync("/")).Status);

        await _db.Postgres.StartServerAsync();

        Assert.Equal(200, (await EventuallyAsync("/health/db", 200)).Status);
        var (okStatus, okReady) = await EventuallyAsync("/health/ready", 200);
        Assert.Equal(200, okStatus);
        Assert.Equal("healthy", okReady.GetProperty("checks").GetProperty("schema").GetProperty("status").GetString());

        await writer.FlushAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        await using var session = _db.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var count = (await session.QueryAsync<long>("select count(*) from hub.mt_doc_integration_log where process_name = 'outage'")).Single();
        Assert.Equal(accepted, count);
        var writerCheck = (await GetAsync("/health/ready")).Body.GetProperty("checks").GetProperty("log_writer");
        Assert.Equal(50 - accepted, writerCheck.GetProperty("data").GetProperty("dropped").GetInt64());
        Assert.Equal("degraded", writerCheck.GetProperty("status").GetString());
    }
}
