using Hub.Simulators;
using Hub.Simulators.Faults;
using Hub.Tests.Infrastructure;
using static Hub.Tests.Infrastructure.RunsApi;

namespace Hub.Tests.Outbox;

/// <summary>
/// The hub as a real process against the simulators: a run of a few hundred orders, SIGKILL in the middle of dispatch,
/// a restart, and then every planned order exists exactly once in 1C and МойСклад and the run's record agrees.
/// </summary>
public sealed class ExactlyOnceTests
{
    private static Dictionary<string, string?> Env(RunningSimulator sim, string connectionString) =>
        HubEnvironment(sim, connectionString, retries: 12, delay: "00:00:00.500");

    [Fact]
    public async Task orders_survive_a_sigkill_in_the_middle_of_dispatch_and_exist_exactly_once() =>
        await KillInTheMiddleAsync("exactly_once", faults: null);

    [Fact]
    public async Task orders_survive_a_sigkill_while_the_systems_answer_5xx_and_time_out_and_exist_exactly_once() =>
        await KillInTheMiddleAsync("exactly_once_faults", new FaultSettings { Methods = "POST", ErrorRate = 0.3, TimeoutRate = 0.2, TimeoutMs = 2000, LatencyMs = 20 });

    private static async Task KillInTheMiddleAsync(string database, FaultSettings? faults)
    {
        await using var sim = await SimulatorServer.StartAsync(new SimulatorOptions { ItemCount = 40, ExtraShops = 120 });
        // A little latency on every create keeps the dispatch long enough to be interrupted.
        var slow = faults ?? new FaultSettings { Methods = "POST", LatencyMs = 20 };
        sim.Faults.Set(SimulatorSystem.OneC, slow);
        sim.Faults.Set(SimulatorSystem.MoySklad, slow);
        var env = Env(sim, await TestDatabase.CreateAsync(database, fresh: true));

        Guid runId;
        int sentBeforeKill, total;
        await using (var first = await RunningHub.StartAsync(env))
        {
            using var api = first.Client(TestKeys.Operator);
            runId = await TriggerAsync(api);

            var run = await WaitAsync(api, runId, r => Orders(r).Count(IsSent) >= Math.Max(5, Orders(r).Length / 10), first);
            total = Orders(run).Length;
            Assert.True(total >= 200, $"the run planned {total} orders; the test needs a few hundred");
            first.Kill();
            sentBeforeKill = Orders(await RunOf(api, runId, fallback: run)).Count(IsSent);
        }

        Assert.True(sentBeforeKill < total, "the run ended before the kill; nothing was interrupted");

        await using var second = await RunningHub.StartAsync(env);
        using var api2 = second.Client(TestKeys.Viewer);
        if (faults is not null)
        {
            // Faults go on for a while after the restart too, then the systems recover.
            await WaitAsync(api2, runId, r => Orders(r).Count(IsSent) > sentBeforeKill, second);
            sim.Faults.Reset();
        }

        var done = await WaitAsync(api2, runId, r => r.GetProperty("status").GetString() is "Completed" or "CompletedWithFailures", second);

        Assert.Equal("Completed", done.GetProperty("status").GetString());
        Assert.Equal(total, Orders(done).Length);
        AssertDeliveredOnce(sim, [done]);
    }

    /// <summary>
    /// A shop short of every item of a 5,500-item catalogue that no donor holds: its purchase of several thousand positions goes
    /// to МойСклад as orders of at most 1000 (its limit per request), killed after the first one and finished by a second hub.
    /// </summary>
    [Fact]
    public async Task a_purchase_over_moysklads_limit_of_1000_positions_arrives_complete_and_once_after_a_sigkill()
    {
        await using var sim = await SimulatorServer.StartAsync(new SimulatorOptions { ItemCount = 5500, UncoverableShare = 1.0 });
        var shop = sim.State.Catalogue.Warehouse("Магазин Невский");
        sim.Faults.Set(SimulatorSystem.MoySklad, new FaultSettings { Methods = "POST", LatencyMs = 300 });
        var env = Env(sim, await TestDatabase.CreateAsync("exactly_once_large_purchase", fresh: true));

        Guid runId;
        int sentAtKill;
        await using (var first = await RunningHub.StartAsync(env))
        {
            using var api = first.Client(TestKeys.Operator);
            runId = await TriggerAsync(api, new { warehouse_id = shop.RefKey });
            // Killed the moment МойСклад holds the first part, watched in the simulator itself: polling the hub's API under
            // load once let every part through before the kill.
            var deadline = DateTime.UtcNow.AddMinutes(5);
            while (sim.State.CustomerOrders.Count == 0)
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"no customer order reached МойСклад\n{first.Output[^Math.Min(first.Output.Length, 4000)..]}");
                await Task.Delay(10);
            }
            first.Kill();
            sentAtKill = sim.State.CustomerOrders.Count;
        }

        await using var second = await RunningHub.StartAsync(env);
        using var api2 = second.Client(TestKeys.Viewer);
        var done = await WaitAsync(api2, runId, r => r.GetProperty("status").GetString() is "Completed" or "CompletedWithFailures", second);

        Assert.Equal("Completed", done.GetProperty("status").GetString());
        var purchases = Orders(done).Where(o => o.GetProperty("kind").GetString() == "Purchase").ToArray();
        Assert.True(sentAtKill < purchases.Length, $"all {purchases.Length} orders were sent before the kill; nothing was interrupted");
        var planned = purchases.SelectMany(p => p.GetProperty("lines").EnumerateArray()).ToArray();
        Assert.True(planned.Length >= 3500, $"the shop's purchase has {planned.Length} positions; the test needs at least 3,500");
        Assert.True(purchases.Length >= 4, $"{planned.Length} positions went out as {purchases.Length} orders");
        AssertDeliveredOnce(sim, [done]);
        // Every position is in exactly one order, none over the limit, and the quantities are the planned ones.
        var orders = sim.State.CustomerOrders;
        Assert.All(orders, o => Assert.InRange(o.Positions.Count, 1, 1000));
        Assert.Equal(planned.Length, orders.Sum(o => o.Positions.Count));
        Assert.Equal(planned.Sum(l => l.GetProperty("quantity").GetDecimal()), orders.Sum(o => o.Positions.Sum(p => p.Quantity)));
        Assert.Equal(orders.Sum(o => o.Positions.Count), orders.SelectMany(o => o.Positions).Select(p => p.AssortmentId).Distinct().Count());
    }
}
