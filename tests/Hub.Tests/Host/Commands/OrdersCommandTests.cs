using System.Text.RegularExpressions;
using Hub.Simulators;
using Hub.Simulators.Faults;
using Hub.Tests.Infrastructure;
using Hub.Tests.Replenishment;

namespace Hub.Tests.Host.Commands;

/// <summary>orders as an operator runs it: a process calling a running hub process whose failed attempts wait ten minutes for their retry.</summary>
public sealed class OrdersCommandTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private RunningSimulator _sim = null!;
    private RunningHub _hub = null!;

    public async Task InitializeAsync()
    {
        _sim = await SimulatorServer.StartAsync(new SimulatorOptions { ItemCount = 30 });
        var env = HubProcess.Environment(ReplenishmentFixture.SimulatorSettings(_sim, ("Outbox:RetryDelays:0", "00:10:00"),
            ("Wolverine:Durability:ScheduledJobPollingTime", "00:00:01")).Concat(TestKeys.Settings()));
        env["ConnectionStrings__Hub"] = await TestDatabase.CreateAsync("cli_orders", fresh: true);
        _hub = await RunningHub.StartAsync(env);
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        await _sim.DisposeAsync();
    }

    private Task<Processes.Result> Cli(string? key, params string[] args) =>
        HubProcess.RunAsync(new Dictionary<string, string?> { ["HUB_URL"] = _hub.Address.ToString(), ["HUB_API_KEY"] = key }, Timeout, args);

    [Fact]
    public async Task orders_lists_the_retrying_ones_sends_one_now_and_cancels_another_only_with_yes()
    {
        _sim.Faults.Set(SimulatorSystem.OneC, new FaultSettings { Methods = "POST", ErrorRate = 1 });
        Assert.Equal(0, (await Cli(TestKeys.Operator, "replenish")).ExitCode);

        Processes.Result listed;
        var deadline = DateTime.UtcNow.AddMinutes(2);
        do
        {
            await Task.Delay(500);
            listed = await Cli(TestKeys.Viewer, "orders", "--system", "1c");
        } while (Regex.Matches(listed.Stdout, @"(?m)^[0-9a-f-]{36}  Retrying").Count < 2 && DateTime.UtcNow < deadline);
        Assert.True(listed.ExitCode == 0, listed.Stderr);
        var retrying = Regex.Matches(listed.Stdout, @"(?m)^([0-9a-f-]{36})  Retrying").Select(m => m.Groups[1].Value).ToArray();
        Assert.True(retrying.Length >= 2, listed.Stdout);
        Assert.Contains("Заказ на перемещение", listed.Stdout);
        _sim.Faults.Reset();

        var asked = await Cli(TestKeys.Operator, "orders", "cancel", retrying[0]);
        Assert.Contains("would be cancelled", asked.Stdout);
        var cancelled = await Cli(TestKeys.Operator, "orders", "cancel", retrying[0], "--yes");
        Assert.True(cancelled.ExitCode == 0, cancelled.Stderr);
        Assert.Contains("is cancelled and will not be sent", cancelled.Stdout);

        var sent = await Cli(TestKeys.Operator, "orders", "send-now", retrying[1]);
        Assert.Contains("will be tried within seconds", sent.Stdout);
        deadline = DateTime.UtcNow.AddMinutes(1);
        while (!_sim.State.TransferOrders.Any(d => d.Comment == $"hub:{retrying[1]}") && DateTime.UtcNow < deadline) await Task.Delay(200);
        Assert.Single(_sim.State.TransferOrders, d => d.Comment == $"hub:{retrying[1]}");
        Assert.DoesNotContain(_sim.State.TransferOrders, d => d.Comment == $"hub:{retrying[0]}");

        // The cancelled one again, a word that is not an id, and a viewer acting: each one line on stderr and a non-zero exit.
        foreach (var (key, args, expected) in new[]
                 {
                     (TestKeys.Operator, new[] { "orders", "send-now", retrying[0] }, "only an order waiting for a retry"),
                     (TestKeys.Operator, new[] { "orders", "send-now", "lead-42" }, "say which order"),
                     (TestKeys.Viewer, new[] { "orders", "cancel", retrying[1], "--yes" }, "403"),
                 })
        {
            var failed = await Cli(key, args);
            Assert.NotEqual(0, failed.ExitCode);
            Assert.Contains(expected, Assert.Single(failed.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        }
    }
}
