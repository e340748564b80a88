using System.Net.Http.Json;
using System.Text.Json;
using Hub.Simulators;
using Hub.Simulators.Faults;
using Hub.Tests.Infrastructure;
using Hub.Tests.Replenishment;

namespace Hub.Tests.Outbox;

/// <summary>
/// The hub as a real process against the simulators: a run of a few hundred orders, SIGKILL in the middle of dispatch,
/// a restart, and then every planned order exists exactly once in 1C and МойСклад and the run's record agrees.
/// </summary>
public sealed class ExactlyOnceTests
{
    private static Dictionary<string, string?> Env(RunningSimulator sim, string connectionString)
    {
        var delays = Enumerable.Repeat("00:00:00.500", 12).Select((d, i) => ($"Outbox:RetryDelays:{i}", d)).ToArray();
        var env = HubProcess.Environment(ReplenishmentFixture.SimulatorSettings(sim, delays).Concat(TestKeys.Settings()));
        env["ConnectionStrings__Hub"] = connectionString;
        return env;
    }

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
            var started = await api.PostAsJsonAsync("/api/v1/trigger/internal-replenishment", new { });
            Assert.True(started.IsSuccessStatusCode, await started.Content.ReadAsStringAsync());
            runId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("run_id").GetGuid();

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
        var orders = Orders(done);
        Assert.Equal(total, orders.Length);
        Assert.All(orders, o => Assert.True(IsSent(o), $"order {o.GetProperty("id")} is {o.GetProperty("state")}: {o.GetProperty("reason")}"));

        var documents = sim.State.TransferOrders.GroupBy(d => d.Comment).ToDictionary(g => g.Key, g => g.ToArray());
        var customerOrders = sim.State.CustomerOrders.GroupBy(c => c.SyncId).ToDictionary(g => g.Key!.Value, g => g.ToArray());
        var transfers = orders.Where(o => o.GetProperty("kind").GetString() == "Transfer").ToArray();
        var purchases = orders.Where(o => o.GetProperty("kind").GetString() == "Purchase").ToArray();
        Assert.Equal(transfers.Length, documents.Count);
        Assert.Equal(purchases.Length, customerOrders.Count);
        Assert.All(transfers, t =>
        {
            var document = Assert.Single(documents[$"hub:{t.GetProperty("id").GetGuid()}"]);
            Assert.True(document.Posted);
            Assert.Equal(document.RefKey.ToString(), t.GetProperty("external_id").GetString());
        });
        Assert.All(purchases, p =>
        {
            var order = Assert.Single(customerOrders[p.GetProperty("id").GetGuid()]);
            Assert.Equal(order.Id.ToString(), p.GetProperty("external_id").GetString());
        });
    }

    private static JsonElement[] Orders(JsonElement run) => run.GetProperty("orders").EnumerateArray().ToArray();

    private static bool IsSent(JsonElement order) => order.GetProperty("state").GetString() == "Sent";

    private static async Task<JsonElement> RunOf(HttpClient api, Guid id, JsonElement? fallback = null)
    {
        try
        {
            return await api.GetFromJsonAsync<JsonElement>($"/api/v1/runs/{id}");
        }
        catch (HttpRequestException) when (fallback is not null)
        {
            // The hub was just killed: the last answer it gave is what it had recorded.
            return fallback.Value;
        }
    }

    /// <summary>Polls the run; the limit only keeps a broken build from hanging the suite.</summary>
    private static async Task<JsonElement> WaitAsync(HttpClient api, Guid id, Func<JsonElement, bool> until, RunningHub hub)
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (true)
        {
            var run = await RunOf(api, id);
            if (until(run)) return run;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"run {id} never got there: {run}\n--- hub output ---\n{hub.Output[^Math.Min(hub.Output.Length, 4000)..]}");
            await Task.Delay(100);
        }
    }
}
