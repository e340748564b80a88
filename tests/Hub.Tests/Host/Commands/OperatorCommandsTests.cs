using Hub.Simulators;
using Hub.Simulators.Faults;
using Hub.Tests.Infrastructure;
using Hub.Tests.Replenishment;

namespace Hub.Tests.Host.Commands;

/// <summary>replenish, schedules and dead-letters as an operator runs them: processes calling a running hub process.</summary>
public sealed class OperatorCommandsTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private RunningSimulator _sim = null!;
    private RunningHub _hub = null!;
    private string _database = null!;

    public async Task InitializeAsync()
    {
        _sim = await SimulatorServer.StartAsync(new SimulatorOptions { ItemCount = 30 });
        var delays = ReplenishmentFixture.RetryDelays.Select((d, i) => ($"Outbox:RetryDelays:{i}", d)).ToArray();
        var env = HubProcess.Environment(ReplenishmentFixture.SimulatorSettings(_sim, delays).Concat(TestKeys.Settings()));
        env["ConnectionStrings__Hub"] = _database = await TestDatabase.CreateAsync("cli_operator", fresh: true);
        _hub = await RunningHub.StartAsync(env);
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        await _sim.DisposeAsync();
    }

    private Task<Processes.Result> Cli(string? key, params string[] args) =>
        HubProcess.RunAsync(new Dictionary<string, string?> { ["HUB_URL"] = _hub.Address.ToString(), ["HUB_API_KEY"] = key }, Timeout, args);

    private static void FailsWithOneLine(Processes.Result result, string expected)
    {
        Assert.NotEqual(0, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(expected, line);
    }

    [Fact]
    public async Task replenish_dry_run_prints_the_run_and_its_plan_and_sends_nothing()
    {
        var result = await Cli(TestKeys.Operator, "replenish", "--dry-run");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Matches(@"run [0-9a-f-]{36} accepted \(dry run\)", result.Stdout);
        Assert.Matches(@"status Planned: \d+ deficits, \d+ transfer orders \(1C\), \d+ customer orders", result.Stdout);
        Assert.Empty(_sim.State.TransferOrders);
        Assert.DoesNotContain("Searching", result.Stdout);
        Assert.DoesNotContain(" INF ", result.Stdout);

        // The run says who started it: the command line, not an anonymous API client.
        var id = System.Text.RegularExpressions.Regex.Match(result.Stdout, @"run ([0-9a-f-]{36}) accepted").Groups[1].Value;
        using var http = new HttpClient { BaseAddress = _hub.Address };
        http.DefaultRequestHeaders.Add("X-Api-Key", TestKeys.Viewer);
        var run = System.Text.Json.Nodes.JsonNode.Parse(await http.GetStringAsync($"/api/v1/runs/{id}"))!;
        Assert.Equal("Cli", run["trigger"]!.GetValue<string>());
    }

    [Fact]
    public async Task replenish_asks_for_yes_before_repeating_a_run_of_the_same_scope_within_the_hour()
    {
        var first = await Cli(TestKeys.Operator, "replenish");
        Assert.True(first.ExitCode == 0, first.Stderr);

        var again = await Cli(TestKeys.Operator, "replenish");
        FailsWithOneLine(again, "--yes");
        Assert.Contains("within the hour", again.Stderr);
        Assert.DoesNotContain("accepted", again.Stdout);

        // A dry run is never asked; --yes runs again.
        Assert.True((await Cli(TestKeys.Operator, "replenish", "--dry-run", "--no-wait")).ExitCode == 0);
        var confirmed = await Cli(TestKeys.Operator, "replenish", "--yes", "--no-wait");
        Assert.True(confirmed.ExitCode == 0, confirmed.Stderr);
        Assert.Matches(@"run [0-9a-f-]{36} accepted", confirmed.Stdout);
    }

    [Fact]
    public async Task replenish_asks_for_yes_before_ordering_more_where_goods_are_already_on_their_way()
    {
        var first = await Cli(TestKeys.Operator, "replenish");
        Assert.True(first.ExitCode == 0, first.Stderr);
        var firstId = System.Text.RegularExpressions.Regex.Match(first.Stdout, @"run ([0-9a-f-]{36}) accepted").Groups[1].Value;
        using var http = _hub.Client(TestKeys.Viewer);
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (System.Text.Json.Nodes.JsonNode.Parse(await http.GetStringAsync($"/api/v1/runs/{firstId}"))!["status"]!.GetValue<string>() != "Completed" && DateTime.UtcNow < deadline)
            await Task.Delay(200);
        // Two hours later, МойСклад's seller has shipped nine tenths of each customer order and the shops sold it all again.
        foreach (var order in _sim.State.CustomerOrders) _sim.State.ShipCustomerOrder(order.Id, 0.9m);
        await using (var connection = new Npgsql.NpgsqlConnection(_database))
        {
            await connection.OpenAsync();
            await using var age = new Npgsql.NpgsqlCommand("update mt_doc_replenishment_run set requested_at = requested_at - interval '2 hours', " +
                "data = jsonb_set(data, '{requested_at}', to_jsonb(requested_at - interval '2 hours'))", connection);
            Assert.Equal(1, await age.ExecuteNonQueryAsync());
        }
        var sent = _sim.State.CustomerOrders.Count;

        var asked = await Cli(TestKeys.Operator, "replenish");
        FailsWithOneLine(asked, "run again with --yes");
        Assert.Contains("sent nothing", asked.Stderr);
        Assert.Matches(@"(?m)^on its way: .+: .+: .*not shipped", asked.Stdout);
        Assert.Equal(sent, _sim.State.CustomerOrders.Count);
        var declined = System.Text.RegularExpressions.Regex.Match(asked.Stdout, @"run ([0-9a-f-]{36}) accepted").Groups[1].Value;
        Assert.Equal("Planned", System.Text.Json.Nodes.JsonNode.Parse(await http.GetStringAsync($"/api/v1/runs/{declined}"))!["status"]!.GetValue<string>());

        // With --yes the plan goes out.
        var confirmed = await Cli(TestKeys.Operator, "replenish", "--yes");
        Assert.True(confirmed.ExitCode == 0, confirmed.Stderr);
        deadline = DateTime.UtcNow.AddMinutes(2);
        while (_sim.State.CustomerOrders.Count == sent && DateTime.UtcNow < deadline) await Task.Delay(200);
        Assert.True(_sim.State.CustomerOrders.Count > sent);
    }

    [Fact]
    public async Task bad_input_a_missing_role_and_an_unreachable_hub_each_fail_with_one_line()
    {
        FailsWithOneLine(await Cli(TestKeys.Operator, "replenish", "--warehouse", "Невский"), "--warehouse");
        FailsWithOneLine(await Cli(TestKeys.Viewer, "replenish"), "403");
        FailsWithOneLine(await Cli(null, "schedules"), "401");
        FailsWithOneLine(await Cli(TestKeys.Operator, "dead-letters", "replay"), "ids");
        FailsWithOneLine(await Cli(TestKeys.Operator, "schedules", "pause"), "say which schedule");
        FailsWithOneLine(await HubProcess.RunAsync(new Dictionary<string, string?> { ["HUB_URL"] = "http://127.0.0.1:9", ["HUB_API_KEY"] = TestKeys.Viewer },
            Timeout, "schedules"), "cannot reach the hub");
    }

    [Fact]
    public async Task schedules_show_the_next_occurrence_in_moscow_time_and_pause_and_resume()
    {
        var list = await Cli(TestKeys.Viewer, "schedules");
        Assert.True(list.ExitCode == 0, list.Stderr);
        Assert.Matches(@"replenishment\s+active\s+0 9 \* \* 1-5\s+Europe/Moscow\s+next: \d{4}-\d{2}-\d{2} 09:00 \((Mon|Tue|Wed|Thu|Fri)\) \+03:00", list.Stdout);

        Assert.Contains("PAUSED", (await Cli(TestKeys.Operator, "schedules", "pause", "replenishment")).Stdout);
        FailsWithOneLine(await Cli(TestKeys.Operator, "schedules", "run", "replenishment"), "paused");
        Assert.Contains("active", (await Cli(TestKeys.Operator, "schedules", "resume", "replenishment")).Stdout);
    }

    [Fact]
    public async Task dead_letters_counts_first_and_replays_a_parked_order_after_its_fault_is_off()
    {
        _sim.Faults.Set(SimulatorSystem.OneC, new FaultSettings { Methods = "POST", ErrorRate = 1 });
        var run = await Cli(TestKeys.Operator, "replenish");
        Assert.True(run.ExitCode == 0, run.Stderr);

        // Parked once the retries (about four seconds) run out.
        Processes.Result listed;
        var deadline = DateTime.UtcNow.AddMinutes(2);
        do
        {
            await Task.Delay(500);
            listed = await Cli(TestKeys.Viewer, "dead-letters", "--system", "1c");
        } while (listed.Stdout.Contains("no parked orders match") && DateTime.UtcNow < deadline);
        Assert.Matches(@"\d+ parked orders", listed.Stdout);
        Assert.Contains("ExternalApiException", listed.Stdout);
        // What the Outbox page shows of each: the message and the order in its own words, Cyrillic as Cyrillic.
        Assert.Contains("SendTransferOrder", listed.Stdout);
        Assert.Contains("Заказ на перемещение", listed.Stdout);
        var first = System.Text.RegularExpressions.Regex.Match(listed.Stdout, @"(?m)^([0-9a-f-]{36}) ").Groups[1].Value;
        var shown = await Cli(TestKeys.Viewer, "dead-letters", "show", first);
        Assert.True(shown.ExitCode == 0, shown.Stderr);
        Assert.Contains("Заказ на перемещение", shown.Stdout);
        Assert.DoesNotContain("\\u04", shown.Stdout);

        var count = await Cli(TestKeys.Operator, "dead-letters", "replay", "--system", "1c");
        Assert.Matches(@"\d+ parked orders would be replayed; run again with --yes", count.Stdout);
        Assert.Empty(_sim.State.TransferOrders);

        _sim.Faults.Reset();
        var replayed = await Cli(TestKeys.Operator, "dead-letters", "replay", "--system", "1c", "--yes");
        Assert.Matches(@"\d+ parked orders replayed", replayed.Stdout);

        deadline = DateTime.UtcNow.AddMinutes(2);
        while (_sim.State.TransferOrders.Count == 0 && DateTime.UtcNow < deadline) await Task.Delay(200);
        Assert.NotEmpty(_sim.State.TransferOrders);
        Assert.All(_sim.State.TransferOrders.GroupBy(d => d.Comment), g => Assert.Single(g));
    }
}
