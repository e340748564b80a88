using System.Net.Http.Json;
using System.Text.Json;
using Hub.Simulators;

namespace Hub.Tests.Infrastructure;

/// <summary>A replenishment run as a hub process reports it over its API, and the check that its orders reached the simulators once.</summary>
public static class RunsApi
{
    /// <summary>A hub process on this database against the simulators, with the API keys of every role and this many retries of an order.</summary>
    public static Dictionary<string, string?> HubEnvironment(RunningSimulator sim, string connectionString, int retries, string delay)
    {
        var delays = Enumerable.Repeat(delay, retries).Select((d, i) => ($"Outbox:RetryDelays:{i}", d)).ToArray();
        var env = HubProcess.Environment(Hub.Tests.Replenishment.ReplenishmentFixture.SimulatorSettings(sim, delays).Concat(TestKeys.Settings()));
        env["ConnectionStrings__Hub"] = connectionString;
        return env;
    }

    public static JsonElement[] Orders(JsonElement run) => run.GetProperty("orders").EnumerateArray().ToArray();

    public static bool IsSent(JsonElement order) => order.GetProperty("state").GetString() == "Sent";

    public static bool Ended(JsonElement run) => run.GetProperty("status").GetString() is "Completed" or "CompletedWithFailures" or "Planned" or "Failed";

    public static async Task<Guid> TriggerAsync(HttpClient api, object? body = null)
    {
        var started = await api.PostAsJsonAsync("/api/v1/trigger/internal-replenishment", body ?? new { });
        Assert.True(started.IsSuccessStatusCode, await started.Content.ReadAsStringAsync());
        return (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("run_id").GetGuid();
    }

    public static async Task<JsonElement> RunOf(HttpClient api, Guid id, JsonElement? fallback = null)
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
    public static async Task<JsonElement> WaitAsync(HttpClient api, Guid id, Func<JsonElement, bool> until, RunningHub hub)
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

    /// <summary>
    /// Every order of these runs is Sent, and the simulators hold exactly one document per order, with the external id the
    /// run recorded, and nothing else.
    /// </summary>
    public static void AssertDeliveredOnce(RunningSimulator sim, IReadOnlyCollection<JsonElement> runs)
    {
        var orders = runs.SelectMany(Orders).ToArray();
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
}
