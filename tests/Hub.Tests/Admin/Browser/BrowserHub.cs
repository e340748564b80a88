using System.Net.Http.Json;
using System.Text.Json;
using Hub.Simulators;
using Hub.Tests.Infrastructure;
using Hub.Tests.Replenishment;

namespace Hub.Tests.Admin.Browser;

/// <summary>
/// What the browser tests drive: the built hub as a process on a real port and a fresh database, pointed at the
/// simulators of 1C and МойСклад with the replenishment tests' short retry delays. Disposing stops both.
/// </summary>
public sealed class BrowserHub : IAsyncDisposable
{
    private readonly RunningHub _hub;

    private BrowserHub(RunningSimulator simulator, RunningHub hub)
    {
        Simulator = simulator;
        _hub = hub;
    }

    public RunningSimulator Simulator { get; }
    public Uri Address => _hub.Address;

    /// <param name="extra">Settings beside the simulators' (notification channels, say).</param>
    public static async Task<BrowserHub> StartAsync(string databaseName, IDictionary<string, string>? extra = null)
    {
        var sim = await SimulatorServer.StartAsync(new SimulatorOptions { ItemCount = 20 });
        try
        {
            var settings = ReplenishmentFixture.SimulatorSettings(sim, ReplenishmentFixture.RetryDelays.Select((d, i) => ($"Outbox:RetryDelays:{i}", d))
                .Concat((extra ?? new Dictionary<string, string>()).Select(kv => (kv.Key, kv.Value))).ToArray());
            var env = HubProcess.Environment(settings.Concat(TestKeys.Settings()));
            env["ConnectionStrings__Hub"] = await TestDatabase.CreateAsync(databaseName, fresh: true);
            return new BrowserHub(sim, await RunningHub.StartAsync(env));
        }
        catch
        {
            await sim.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Twelve logs of internal_replenishment through the API, alternating 1C and МойСклад; the sixth is the one ERROR,
    /// "МойСклад answered 500 for &lt;order 5&gt;". Every one has details { attempt, store = "Бестужевых" }.
    /// </summary>
    public async Task SeedTwelveLogsAsync()
    {
        using var api = _hub.Client(TestKeys.Admin);
        var logs = Enumerable.Range(0, 12).Select(i => new
        {
            process_name = "internal_replenishment", step = i % 2 == 0 ? "plan" : "send", log_level = i == 5 ? "ERROR" : "INFO",
            status = i == 5 ? "failed" : "success", external_system = i % 2 == 0 ? "1c" : "moysklad",
            message = i == 5 ? "МойСклад answered 500 for <order 5>" : $"step {i} done",
            details = new { attempt = i, store = "Бестужевых" },
        }).ToArray();
        (await api.PostAsJsonAsync("/api/v1/logs", logs)).EnsureSuccessStatusCode();
    }

    /// <summary>The hub's API as a caller with this key.</summary>
    public HttpClient Api(string key) => _hub.Client(key);

    /// <summary>
    /// What makes every page show something: the twelve logs, a real run for "Магазин Невский" whose orders were all sent
    /// (its id is returned, for the run's page), and one for "Магазин Московский" while 1C refused every create, so its
    /// transfer orders were parked on the Outbox page. Both runs have ended when this returns; the faults are off again.
    /// </summary>
    public async Task<Guid> SeedPagesAsync()
    {
        await SeedTwelveLogsAsync();
        using var api = _hub.Client(TestKeys.Admin);
        var catalogue = Simulator.State.Catalogue;
        var sent = await RunsApi.TriggerAsync(api, new { warehouse_id = catalogue.Warehouse("Магазин Невский").RefKey, dry_run = false });
        await RunsApi.WaitAsync(api, sent, RunsApi.Ended, _hub);
        Simulator.Faults.Set(SimulatorSystem.OneC, new Hub.Simulators.Faults.FaultSettings { Methods = "POST", ErrorRate = 1 });
        try
        {
            var parked = await RunsApi.TriggerAsync(api, new { warehouse_id = catalogue.Warehouse("Магазин Московский").RefKey, dry_run = false });
            await RunsApi.WaitAsync(api, parked, RunsApi.Ended, _hub);
        }
        finally
        {
            Simulator.Faults.Reset();
        }
        return sent;
    }

    /// <summary>The run as the API reports it once it has ended (the wait is bounded by <see cref="RunsApi.WaitAsync"/>).</summary>
    public async Task<JsonElement> WaitForRunAsync(Guid id)
    {
        using var api = _hub.Client(TestKeys.Admin);
        return await RunsApi.WaitAsync(api, id, RunsApi.Ended, _hub);
    }

    public async ValueTask DisposeAsync()
    {
        await _hub.DisposeAsync();
        await Simulator.DisposeAsync();
    }
}
