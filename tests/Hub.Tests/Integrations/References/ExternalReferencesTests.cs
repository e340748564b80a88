using System.Text.Json;
using Alba;
using Hub.Contracts.Logging;
using Hub.Simulators;
using Hub.Simulators.Faults;
using Hub.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace Hub.Tests.Integrations.References;

/// <summary>
/// The start-up check of configured names, through the hub as it runs (Alba host, real HTTP to the simulator):
/// the external-references health check, the integration logs it writes, and a start it never holds up.
/// </summary>
public sealed class ExternalReferencesTests
{
    private static async Task<IAlbaHost> HubAsync(IDictionary<string, string?> settings)
    {
        // A database of its own for each test, so the logs a test reads are the ones its hub wrote.
        var cs = await TestDatabase.CreateAsync("references", fresh: true);
        var host = await AlbaHost.For<Program>(b =>
        {
            b.UseSetting("ConnectionStrings:Hub", cs);
            b.UseTestKeys();
            foreach (var (key, value) in settings) b.UseSetting(key, value);
            b.ConfigureServices(s =>
            {
                s.RunWolverineInSoloMode();
                s.DisableAllExternalWolverineTransports();
            });
        });
        // The logs API needs a key since access came in; these tests read logs as an admin would.
        return host.SendingAdminKeyByDefault();
    }

    private static async Task<JsonElement> ReadyAsync(IAlbaHost host)
    {
        var result = await host.Scenario(s =>
        {
            s.Get.Url("/health/ready");
            s.IgnoreStatusCode();
        });
        Assert.Equal(200, result.Context.Response.StatusCode);
        return await result.ReadJsonAsync();
    }

    private static JsonElement References(JsonElement ready) => ready.GetProperty("checks").GetProperty("external-references");

    private static string State(JsonElement ready, string system) =>
        References(ready).GetProperty("data").TryGetProperty(system, out var s) ? s.GetProperty("state").GetString()! : "absent";

    /// <summary>Polls readiness until both systems have an answer other than the given ones; the limit only stops a hung test.</summary>
    private static async Task<JsonElement> SettledAsync(IAlbaHost host, params string[] notYet)
    {
        string[] waiting = ["absent", "checking", .. notYet];
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (true)
        {
            var ready = await ReadyAsync(host);
            if (!waiting.Contains(State(ready, "moysklad")) && !waiting.Contains(State(ready, "1c"))) return ready;
            if (limit.IsCancellationRequested) throw new TimeoutException(ready.ToString());
            await Task.Delay(50, CancellationToken.None);
        }
    }

    /// <summary>The integration logs the check wrote, once the background writer has stored them.</summary>
    private static async Task<(JsonElement[] Items, string Raw)> StoredLogsAsync(IAlbaHost host, Func<JsonElement[], bool> complete)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var result = await host.Scenario(s => s.Get.Url("/api/v1/logs?process=startup_check&page_size=2000"));
            var raw = await result.ReadAsTextAsync();
            var items = JsonDocument.Parse(raw).RootElement.GetProperty("items").EnumerateArray().Select(e => e.Clone()).ToArray();
            if (complete(items)) return (items, raw);
            if (limit.IsCancellationRequested) throw new TimeoutException(raw);
            await Task.Delay(100, CancellationToken.None);
        }
    }

    private static JsonElement[] Checks(JsonElement[] items) => items.Where(i => i.GetProperty("action").GetString() == "check_references").ToArray();

    [Fact]
    public async Task names_found_in_both_systems_keep_the_hub_healthy_and_each_system_logs_its_answer_once()
    {
        await using var sim = await SimulatorServer.StartAsync(new SimulatorOptions { ItemCount = 20 });
        await using var host = await HubAsync(ClientHarness.SettingsFor(sim));

        var ready = await SettledAsync(host);

        Assert.Equal("healthy", ready.GetProperty("status").GetString());
        var check = References(ready);
        Assert.Equal("healthy", check.GetProperty("status").GetString());
        Assert.Equal("found", State(ready, "moysklad"));
        Assert.Equal("found", State(ready, "1c"));
        Assert.Contains("МойСклад: configured names found: organization 'ООО Симулятор', counterparty 'Поставщик по умолчанию', store 'Бестужевых'",
            check.GetProperty("description").GetString());
        Assert.Contains("1C: configured names found: donor warehouse 'Бестужевых', donor warehouse 'Контейнер', organization 'ООО Симулятор', priority 'Средний'",
            check.GetProperty("description").GetString());

        var (items, raw) = await StoredLogsAsync(host, i => Checks(i).Length == 2 && i.Length >= 2 + 7);
        var checks = Checks(items);
        Assert.Equal(["1c", "moysklad"], checks.Select(c => c.GetProperty("external_system").GetString()!).Order().ToArray());
        Assert.All(checks, c => Assert.Equal("success", c.GetProperty("status").GetString()));
        // The lookups themselves: three МойСклад names, two 1C warehouses, 1C's organization and priority, each a logged call of its own.
        Assert.Equal(["find_warehouse", "find_warehouse", "list_counterparty", "list_organization", "list_organization", "list_priority", "list_store"],
            items.Select(i => i.GetProperty("action").GetString()!).Where(a => a != "check_references").Order().ToArray());
        Assert.DoesNotContain(sim.Options.MoySkladToken, raw);
        Assert.DoesNotContain(sim.Options.OneCPassword, raw);
        Assert.DoesNotContain(sim.Options.MoySkladPassword, raw);
    }

    [Fact]
    public async Task a_missing_name_degrades_the_check_with_the_closest_names_while_the_hub_stays_ready()
    {
        await using var sim = await SimulatorServer.StartAsync(new SimulatorOptions { ItemCount = 20 });
        var settings = ClientHarness.SettingsFor(sim);
        settings["MoySklad:StoreName"] = "Бестужева";
        settings["OneC:DonorWarehouses:1"] = "Контейнер 2";
        await using var host = await HubAsync(settings);

        var ready = await SettledAsync(host);

        Assert.Equal("degraded", ready.GetProperty("status").GetString());
        var check = References(ready);
        Assert.Equal("degraded", check.GetProperty("status").GetString());
        Assert.Equal("not_found", State(ready, "moysklad"));
        Assert.Equal("not_found", State(ready, "1c"));
        var description = check.GetProperty("description").GetString();
        Assert.Contains("МойСклад: store 'Бестужева' (MoySklad:StoreName) not found, closest: 'Бестужевых', ", description);
        Assert.Contains("; found: organization 'ООО Симулятор', counterparty 'Поставщик по умолчанию'", description);
        Assert.Contains("1C: donor warehouse 'Контейнер 2' (OneC:DonorWarehouses:1) not found, closest: 'Контейнер', ", description);
        var store = check.GetProperty("data").GetProperty("moysklad").GetProperty("names").EnumerateArray().Single(n => n.GetProperty("kind").GetString() == "store");
        Assert.False(store.GetProperty("found").GetBoolean());
        Assert.Equal("Бестужевых", store.GetProperty("closest")[0].GetString());

        var (items, _) = await StoredLogsAsync(host, i => Checks(i).Length == 2);
        Assert.All(Checks(items), c =>
        {
            Assert.Equal("failed", c.GetProperty("status").GetString());
            Assert.Equal("WARNING", c.GetProperty("log_level").GetString());
        });
    }

    [Fact]
    public async Task a_system_without_credentials_is_not_asked()
    {
        await using var sim = await SimulatorServer.StartAsync(new SimulatorOptions { ItemCount = 20 });
        var settings = ClientHarness.SettingsFor(sim);
        foreach (var key in new[] { "MoySklad:Token", "MoySklad:Login", "MoySklad:Password", "OneC:User", "OneC:Password" }) settings.Remove(key);
        await using var host = await HubAsync(settings);

        var ready = await SettledAsync(host);

        Assert.Equal("healthy", References(ready).GetProperty("status").GetString());
        Assert.Equal("not_configured", State(ready, "moysklad"));
        Assert.Equal("not_configured", State(ready, "1c"));
        Assert.Equal(0, sim.State.Requests.MoySklad.Total + sim.State.Requests.OneC.Total);
        await host.Services.GetRequiredService<IIntegrationLogWriter>().FlushAsync();
        var stored = await host.Scenario(s => s.Get.Url("/api/v1/logs?process=startup_check"));
        Assert.Equal(0, (await stored.ReadJsonAsync()).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task a_system_that_is_down_at_start_holds_nothing_up_and_is_checked_again_until_it_answers()
    {
        await using var sim = await SimulatorServer.StartAsync(new SimulatorOptions { ItemCount = 20, Faults = { MoySklad = new FaultSettings { ErrorRate = 1 } } });
        var settings = ClientHarness.SettingsFor(sim);
        settings["MoySklad:ReadRetries"] = "0";
        await using var host = await HubAsync(settings);

        // Started, and answering, while МойСклад still fails.
        await host.Scenario(s => s.Get.Url("/"));
        var down = await SettledAsync(host);
        Assert.Equal("failed", State(down, "moysklad"));
        Assert.Equal("degraded", References(down).GetProperty("status").GetString());
        Assert.Contains("trying again in 5 s", References(down).GetProperty("description").GetString());

        sim.Faults.Reset();
        var up = await SettledAsync(host, "failed");

        Assert.Equal("found", State(up, "moysklad"));
        Assert.Equal("healthy", References(up).GetProperty("status").GetString());
        var (items, _) = await StoredLogsAsync(host, i => Checks(i).Count(c => c.GetProperty("external_system").GetString() == "moysklad") == 2);
        Assert.Equal(["retrying", "success"], Checks(items).Where(c => c.GetProperty("external_system").GetString() == "moysklad")
            .OrderBy(c => c.GetProperty("retry_count").GetInt32()).Select(c => c.GetProperty("status").GetString()!).ToArray());
    }

    [Fact]
    public async Task the_console_says_in_one_line_per_system_what_was_found_and_what_is_closest_to_what_was_not()
    {
        await using var sim = await SimulatorServer.StartAsync(new SimulatorOptions { ItemCount = 20 });
        // A production hub serves only with keys.
        var env = HubProcess.Environment(ClientHarness.SettingsFor(sim).Concat(TestKeys.Settings()));
        env["ConnectionStrings__Hub"] = await TestDatabase.CreateAsync("references_process");
        env["OneC__DonorWarehouses__0"] = "Бестужевых";
        env["OneC__DonorWarehouses__1"] = "Контейнер 2";
        await using var hub = RunningHub.Start(env, "--urls", "http://127.0.0.1:0");

        var moySklad = await hub.LineAsync(l => l.Contains("МойСклад: configured names"), TimeSpan.FromMinutes(2));
        var oneC = await hub.LineAsync(l => l.Contains("1C: donor warehouse"), TimeSpan.FromMinutes(2));

        Assert.EndsWith("МойСклад: configured names found: organization 'ООО Симулятор', counterparty 'Поставщик по умолчанию', store 'Бестужевых'", moySklad);
        Assert.Matches(@"1C: donor warehouse 'Контейнер 2' \(OneC:DonorWarehouses:1\) not found, closest: 'Контейнер', '[^']+', '[^']+'; found: donor warehouse 'Бестужевых', organization 'ООО Симулятор', priority 'Средний'$", oneC);
        Assert.DoesNotContain(sim.Options.MoySkladToken, hub.Output);
        Assert.DoesNotContain(sim.Options.OneCPassword, hub.Output);
    }
}
