using System.Net.Http.Json;
using System.Text.Json;
using Alba;
using Hub.Simulators;
using Hub.Simulators.Faults;
using Hub.Tests.Infrastructure;
using JasperFx.Resources;

namespace Hub.Tests.Replenishment;

/// <summary>The hub against an in-process simulator of 1C and МойСклад, with retries short enough to be watched.</summary>
public class ReplenishmentFixture : HubFixture
{
    public RunningSimulator Simulator { get; private set; } = null!;

    protected override string DatabaseName => "replenishment";

    protected override async Task StartDependenciesAsync() => Simulator = await SimulatorServer.StartAsync(new SimulatorOptions { ItemCount = 60 });

    protected override async Task StopDependenciesAsync() => await Simulator.DisposeAsync();

    /// <summary>Six retries over about four seconds: a fault switched off within a second never parks an order, one left on does.</summary>
    public static readonly string[] RetryDelays = ["00:00:00.200", "00:00:00.400", "00:00:00.600", "00:00:00.800", "00:00:01", "00:00:01.200"];

    protected virtual IReadOnlyList<string> Delays => RetryDelays;

    protected override IDictionary<string, string?> Settings =>
        SimulatorSettings(Simulator, Delays.Select((d, i) => ($"Outbox:RetryDelays:{i}", d)).ToArray());

    /// <summary>The settings that point a hub at a simulator (the clients' tests use the same), with the run's extras.</summary>
    public static Dictionary<string, string?> SimulatorSettings(RunningSimulator sim, params (string Key, string Value)[] extra)
    {
        var settings = ClientHarness.SettingsFor(sim);
        foreach (var (key, value) in extra) settings[key] = value;
        return settings;
    }

    /// <summary>Empty documents, an empty outbox and a fresh simulator with no faults.</summary>
    public async Task ResetAllAsync()
    {
        await Host.ResetResourceState();
        await ResetAsync();
        Simulator.Faults.Reset();
        Simulator.State.Reset();
    }

    public void Fault(SimulatorSystem system, FaultSettings settings) => Simulator.Faults.Set(system, settings);

    /// <summary>Triggers a run through the API and returns its id.</summary>
    public async Task<Guid> TriggerAsync(object? body = null)
    {
        var result = await Host.Scenario(s =>
        {
            s.Post.Json(body ?? new { }).ToUrl("/api/v1/trigger/internal-replenishment");
            s.IgnoreStatusCode();
        });
        var answer = await result.ReadAsTextAsync();
        Assert.True(result.Context.Response.StatusCode == 202, $"trigger answered {result.Context.Response.StatusCode}: {answer}");
        return JsonDocument.Parse(answer).RootElement.GetProperty("run_id").GetGuid();
    }

    public async Task<JsonElement> RunAsync(Guid id)
    {
        var result = await Host.Scenario(s => s.Get.Url($"/api/v1/runs/{id}"));
        return await result.ReadAsJsonAsync<JsonElement>();
    }

    /// <summary>Polls the run until it satisfies the condition; the limit only keeps a broken build from hanging.</summary>
    public async Task<JsonElement> WaitForRunAsync(Guid id, Func<JsonElement, bool> until)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var run = await RunAsync(id);
            if (until(run)) return run;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"run {id} never got there; last seen: {run}");
            await Task.Delay(100);
        }
    }

    public static bool Ended(JsonElement run) => run.GetProperty("status").GetString() is "Completed" or "CompletedWithFailures" or "Planned" or "Failed";
}

/// <summary>
/// The same, with a failed attempt's retry ten minutes away: an order stays "retrying" for as long as a test looks at it.
/// Wolverine polls its scheduled attempts every second, so one brought forward is tried at once.
/// </summary>
public sealed class SlowRetryFixture : ReplenishmentFixture
{
    protected override string DatabaseName => "slow_retry";

    protected override IReadOnlyList<string> Delays => ["00:10:00"];

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["Wolverine:Durability:ScheduledJobPollingTime"] = "00:00:01";
            return settings;
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SlowRetryCollection : ICollectionFixture<SlowRetryFixture>
{
    public const string Name = "slow-retry";
}

[CollectionDefinition(Name)]
public sealed class ReplenishmentCollection : ICollectionFixture<ReplenishmentFixture>
{
    public const string Name = "replenishment";
}
