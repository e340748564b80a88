using System.Net.Http.Json;
using System.Text.Json;
using Hub.Tests.Infrastructure;
using Marten;

namespace Hub.Tests.Logs.Ingest;

/// <summary>
/// Sixteen services posting 1000-record batches at once into the same hour, system and process (the rows of the hourly
/// rollup every batch updates): every batch answered 202, no deadlock in PostgreSQL's own count, and stats that add up.
/// </summary>
[Collection(LogsCollection.Name)]
public sealed class ConcurrentWritersTests(LogsFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private const int Writers = 16, BatchesEach = 2, BatchSize = 1000;

    [Fact]
    public async Task sixteen_writers_of_1000_record_batches_get_no_5xx_and_no_deadlock_and_stats_count_every_record()
    {
        var deadlocksBefore = await DeadlocksAsync();
        var hour = DateTimeOffset.UtcNow.AddHours(-1);
        hour = new DateTimeOffset(hour.Year, hour.Month, hour.Day, hour.Hour, 0, 0, TimeSpan.Zero);
        var statuses = await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            using var client = fixture.Client(TestKeys.Ingest);
            var codes = new List<int>();
            for (var b = 0; b < BatchesEach; b++)
            {
                var batch = Enumerable.Range(0, BatchSize).Select(i => new
                {
                    process_name = i % 3 == 0 ? "sync_orders" : "sync_stock",
                    external_system = i % 2 == 0 ? "moysklad" : "1c",
                    status = i % 5 == 0 ? "failed" : "success",
                    elapsed_ms = 1 + (w * 7 + i) % 900,
                    ts = hour.AddMilliseconds(i),
                    message = $"writer {w} batch {b} record {i}",
                }).ToArray();
                var response = await client.PostAsJsonAsync("/api/v1/logs", batch);
                codes.Add((int)response.StatusCode);
            }
            return codes;
        })));

        Assert.All(statuses.SelectMany(s => s), code => Assert.Equal(202, code));
        Assert.Equal(0, await DeadlocksAsync() - deadlocksBefore);

        await using var session = fixture.Store.QuerySession();
        var stored = (await session.QueryAsync<long>("select count(*) from hub.mt_doc_integration_log")).Single();
        Assert.Equal(Writers * BatchesEach * BatchSize, stored);

        using var viewer = fixture.Client(TestKeys.Viewer);
        using var stats = JsonDocument.Parse(await viewer.GetStringAsync(
            $"/api/v1/logs/stats?bucket=hour&from={Uri.EscapeDataString(hour.ToString("O"))}&to={Uri.EscapeDataString(hour.AddHours(1).ToString("O"))}&tz=UTC"));
        var items = stats.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(stored, items.Sum(i => i.GetProperty("total").GetInt64()));
        var failed = (await session.QueryAsync<long>("select count(*) from hub.mt_doc_integration_log where status = 'failed'")).Single();
        Assert.Equal(failed, items.Sum(i => i.GetProperty("failed").GetInt64()));
    }

    private async Task<long> DeadlocksAsync()
    {
        await using var session = fixture.Store.QuerySession();
        return (await session.QueryAsync<long>("select deadlocks from pg_stat_database where datname = current_database()")).Single();
    }
}
