using Hub.Contracts.Logging;
using Hub.Logs.Domain;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Tests.Logs.Writing;

[Collection(LogsCollection.Name)]
public sealed class LogWriterBurstTests(LogsFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ten_thousand_logs_from_eight_writers_land_exactly_once()
    {
        var writer = fixture.Host.Services.GetRequiredService<IIntegrationLogWriter>();
        var runId = Guid.NewGuid();
        const int writers = 8, perWriter = 1250;

        var returned = await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(() =>
            Enumerable.Range(0, perWriter)
                .Select(i => writer.Write(new LogEntry
                {
                    ProcessName = "burst",
                    Step = $"writer-{w}",
                    Message = $"{w}:{i}",
                    RunId = runId.ToString(),
                    Payload = new { w, i }
                }))
                .ToArray())));
        await writer.FlushAsync(new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token);

        var ids = returned.SelectMany(x => x).ToArray();
        Assert.All(ids, id => Assert.NotNull(id));
        await using var session = fixture.Store.QuerySession();
        var stored = await session.QueryAsync<string>("select data ->> 'message' from hub.mt_doc_integration_log where run_id = ?", runId);
        Assert.Equal(writers * perWriter, stored.Count);
        Assert.Equal(writers * perWriter, stored.Distinct().Count());
        Assert.Equal(ids.Select(i => i!.Value).OrderBy(x => x),
            (await session.Query<IntegrationLog>().Where(x => x.RunId == runId).Select(x => x.Id).ToListAsync()).OrderBy(x => x));
    }

    [Fact]
    public async Task write_never_throws_on_hostile_payloads()
    {
        var writer = fixture.Host.Services.GetRequiredService<IIntegrationLogWriter>();
        var cyclic = new Node();
        cyclic.Next = cyclic;
        var ids = new[]
        {
            writer.Write(new LogEntry { ProcessName = "hostile", Payload = cyclic }),
            writer.Write(new LogEntry { ProcessName = "hostile", Payload = double.NaN, Details = new Thrower() }),
            writer.Write(new LogEntry { ProcessName = "hostile", Payload = new string('x', 1_000_000) }),
            writer.Write(new LogEntry { ProcessName = "", Level = "nonsense", RunId = "{{bad}}", ElapsedMs = -3 }),
        };
        await writer.FlushAsync();

        Assert.All(ids, id => Assert.NotNull(id));
        await using var session = fixture.Store.QuerySession();
        var logs = await session.LoadManyAsync<IntegrationLog>(ids.Select(i => i!.Value).ToArray());
        Assert.Equal(4, logs.Count);
        Assert.Contains(logs, l => Has(l.Details, "_unserializable"));
        Assert.Contains(logs, l => Has(l.Payload, "_truncated"));
        Assert.Contains(logs, l => l.Payload is { ValueKind: System.Text.Json.JsonValueKind.String } p && p.GetString() == "NaN");
        Assert.Contains(logs, l => l.LogLevel == "INFO" && l.ElapsedMs is null && l.RunId is null);
    }

    private static bool Has(System.Text.Json.JsonElement? e, string property) =>
        e is { ValueKind: System.Text.Json.JsonValueKind.Object } o && o.TryGetProperty(property, out _);

    private sealed class Node { public Node? Next { get; set; } }

    private sealed class Thrower
    {
        public string Boom => throw new InvalidOperationException("getter fails");
    }
}
