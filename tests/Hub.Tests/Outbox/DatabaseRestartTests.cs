using System.Net.Http.Json;
using System.Text.Json;
using Hub.Simulators;
using Hub.Simulators.Faults;
using Hub.Tests.Infrastructure;
using Npgsql;
using static Hub.Tests.Infrastructure.RunsApi;

namespace Hub.Tests.Outbox;

/// <summary>
/// The hub as a real process on a PostgreSQL of its own, restarted three times in the middle of a run's dispatch: the
/// database going away is a transient failure for every handler, so nothing is dead-lettered, every order ends sent
/// exactly once, and the run ends Completed with the same record as the systems.
/// </summary>
public sealed class DatabaseRestartTests
{
    [Fact]
    public async Task restarting_the_database_during_dispatch_parks_nothing_and_the_run_ends_with_every_order_sent_once()
    {
        await using var sim = await SimulatorServer.StartAsync(new SimulatorOptions { ItemCount = 40, ExtraShops = 120 });
        // A little latency on every create keeps the dispatch going while the database restarts.
        var slow = new FaultSettings { Methods = "POST", LatencyMs = 20 };
        sim.Faults.Set(SimulatorSystem.OneC, slow);
        sim.Faults.Set(SimulatorSystem.MoySklad, slow);
        await using var postgres = await PrivatePostgres.StartAsync();
        var env = HubEnvironment(sim, postgres.ConnectionString, retries: 12, delay: "00:00:00.500");

        await using var hub = await RunningHub.StartAsync(env);
        using var api = hub.Client(TestKeys.Operator);
        var runId = await TriggerAsync(api);
        var sentBefore = 0;
        for (var restart = 1; restart <= 3; restart++)
        {
            var target = restart;
            var run = await WaitAsync(api, runId, r => Orders(r).Length > 0 && Orders(r).Count(IsSent) >= Math.Max(sentBefore + 5, Orders(r).Length * target / 6), hub);
            Assert.True(Orders(run).Count(IsSent) < Orders(run).Length, $"the run was delivered before restart {restart}; nothing was interrupted");
            sentBefore = Orders(run).Count(IsSent);
            await postgres.StopServerAsync();
            await postgres.StartServerAsync();
        }

        var done = await WaitAsync(api, runId, Ended, hub);

        Assert.Equal("Completed", done.GetProperty("status").GetString());
        Assert.True(Orders(done).Length >= 200, $"the run planned {Orders(done).Length} orders; the test needs a few hundred");
        AssertDeliveredOnce(sim, [done]);
        Assert.Empty((await api.GetFromJsonAsync<JsonElement>("/api/v1/dead-letters")).GetProperty("items").EnumerateArray());
        await using var conn = new NpgsqlConnection(postgres.ConnectionString);
        await conn.OpenAsync();
        await using var deadLetters = new NpgsqlCommand("select count(*) from wolverine.wolverine_dead_letters", conn);
        Assert.Equal(0L, (long)(await deadLetters.ExecuteScalarAsync())!);
    }
}
