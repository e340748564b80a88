using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hub.Simulators;
using Hub.Simulators.Faults;
using Hub.Tests.Infrastructure;
using Npgsql;
using static Hub.Tests.Infrastructure.RunsApi;

namespace Hub.Tests.Host.Hosting;

/// <summary>
/// Two hub processes on one database in Wolverine's Balanced mode (the production default), against the simulators, the
/// way two replicas behind a load balancer run: the schedule fires once per occurrence across both, a dead letter parked
/// on one node is replayed from either, and SIGKILLing the leader in the middle of a run moves every agent to the other
/// node, which finishes the run with each order delivered exactly once. One scenario, so the suite starts two hubs once.
/// </summary>
public sealed partial class TwoNodesTests
{
    /// <summary>Every three seconds instead of weekdays at 09:00, so a test sees several occurrences.</summary>
    private const string EveryThreeSeconds = "*/3 * * * * *";

    private static Dictionary<string, string?> Env(RunningSimulator sim, string connectionString)
    {
        // Three quick retries: an order that keeps failing is parked within a second or two.
        var env = HubEnvironment(sim, connectionString, retries: 3, delay: "00:00:00.200");
        env["Wolverine__DurabilityMode"] = "Balanced";
        env["Replenishment__Schedule"] = EveryThreeSeconds;
        env["Replenishment__TimeZone"] = "UTC";
        // Wolverine's own failover settings, tightened from tens of seconds so a dead node is noticed within a few.
        env["Wolverine__Durability__HealthCheckPollingTime"] = "00:00:01";
        env["Wolverine__Durability__FirstHealthCheckExecution"] = "00:00:00.500";
        env["Wolverine__Durability__StaleNodeTimeout"] = "00:00:05";
        env["Wolverine__Durability__AssignmentSettlePeriod"] = "00:00:01";
        env["Wolverine__Durability__NodeReassignmentPollingTime"] = "00:00:01";
        env["Wolverine__Durability__OrphanedMessageSweepPollingTime"] = "00:00:01";
        env["Wolverine__Durability__ScheduledJobPollingTime"] = "00:00:01";
        return env;
    }

    [Fact]
    public async Task two_hubs_on_one_database_fire_each_occurrence_once_replay_from_either_and_survive_losing_the_leader()
    {
        await using var sim = await SimulatorServer.StartAsync(new SimulatorOptions { ItemCount = 20, ExtraShops = 15 });
        var connectionString = await TestDatabase.CreateAsync("two_nodes", fresh: true);
        var env = Env(sim, connectionString);

        // Started together, as replicas are: both apply the schema and join the cluster at once.
        var starting = new[] { RunningHub.StartAsync(env), RunningHub.StartAsync(env) };
        await using var a = await starting[0];
        await using var b = await starting[1];
        var nodes = new Dictionary<Guid, RunningHub> { [await NodeIdAsync(a)] = a, [await NodeIdAsync(b)] = b };
        await WaitForAssignmentsAsync(connectionString, assignments => assignments.ContainsKey(LeaderAgent), "a leader elected", a, b);

        // The schedule: every occurrence handled on exactly one node, whichever holds the schedule's agent.
        await WaitUntilAsync(() => Occurrences(a, b).Count >= 3, TimeSpan.FromMinutes(1), () => $"three occurrences\n{Tail(a)}\n{Tail(b)}");
        using (var api = a.Client(TestKeys.Operator))
            Assert.True((await api.PostAsync("/api/v1/schedules/replenishment/pause", null)).IsSuccessStatusCode);
        // Paused on one node is paused for the cluster: two more periods pass without an occurrence.
        var atPause = Occurrences(a, b).Count;
        await Task.Delay(TimeSpan.FromSeconds(7));
        var occurrences = Occurrences(a, b);
        Assert.InRange(occurrences.Count, atPause, atPause + 1);
        Assert.All(occurrences, o => Assert.True(o.Value == 1, $"the occurrence of {o.Key} was handled {o.Value} times:\n{Tail(a)}\n{Tail(b)}"));

        using var apiA = a.Client(TestKeys.Operator);
        using var apiB = b.Client(TestKeys.Operator);
        var scheduled = await RunsAsync(apiA);
        foreach (var run in scheduled) await WaitAsync(apiA, run, Ended, a);
        AssertDeliveredOnce(sim, await Task.WhenAll(scheduled.Select(id => RunOf(apiA, id))));

        // Dead letters: orders parked on B, half replayed through A's API, half through B's.
        sim.State.Reset();
        sim.Faults.Set(SimulatorSystem.OneC, new FaultSettings { Methods = "POST", ErrorRate = 1 });
        var failing = await TriggerAsync(apiB);
        var parked = await WaitAsync(apiB, failing, r => Orders(r).Length > 0 && Orders(r).All(o => o.GetProperty("state").GetString() is "Parked" or "Sent"), b);
        var parkedIds = Orders(parked).Where(o => o.GetProperty("state").GetString() == "Parked").Select(o => o.GetProperty("id").GetGuid()).ToArray();
        Assert.True(parkedIds.Length >= 2, $"the run parked {parkedIds.Length} orders: {parked}");
        sim.Faults.Reset();
        foreach (var (api, ids) in new[] { (apiA, parkedIds[..(parkedIds.Length / 2)]), (apiB, parkedIds[(parkedIds.Length / 2)..]) })
        {
            var replay = await api.PostAsJsonAsync("/api/v1/dead-letters/replay", new { ids });
            Assert.True(replay.IsSuccessStatusCode, await replay.Content.ReadAsStringAsync());
            Assert.Equal(ids.Length, (await replay.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("matched").GetInt32());
        }
        var replayed = await WaitAsync(apiA, failing, r => Orders(r).All(IsSent), a);
        AssertDeliveredOnce(sim, [replayed]);

        // The leader dies in the middle of a run it dispatches; the other node takes its agents and its unfinished orders.
        sim.State.Reset();
        var slow = new FaultSettings { Methods = "POST", LatencyMs = 150 };
        sim.Faults.Set(SimulatorSystem.OneC, slow);
        sim.Faults.Set(SimulatorSystem.MoySklad, slow);
        var leaderId = (await AssignmentsAsync(connectionString))[LeaderAgent];
        var leader = nodes[leaderId];
        var (survivorId, survivor) = nodes.Single(n => n.Key != leaderId);
        using var leaderApi = leader.Client(TestKeys.Operator);
        using var survivorApi = survivor.Client(TestKeys.Operator);
        var runId = await TriggerAsync(leaderApi);
        var before = await WaitAsync(leaderApi, runId, r => Orders(r).Count(IsSent) >= 3, leader);
        leader.Kill();
        var total = Orders(before).Length;
        Assert.True(Orders(await RunOf(survivorApi, runId)).Count(IsSent) < total, "the run ended before the kill; nothing was interrupted");

        var moved = await WaitForAssignmentsAsync(connectionString,
            assignments => assignments.ContainsKey(LeaderAgent) && assignments.Values.All(n => n == survivorId), "every agent on the surviving node", survivor);
        Assert.Contains(moved.Keys, k => k.StartsWith("wolverine-recurring", StringComparison.Ordinal));
        var done = await WaitAsync(survivorApi, runId, r => Ended(r), survivor);
        Assert.Equal("Completed", done.GetProperty("status").GetString());
        Assert.Equal(total, Orders(done).Length);
        AssertDeliveredOnce(sim, [done]);

        // The schedule carries on from the survivor once resumed, still once per occurrence.
        Assert.True((await survivorApi.PostAsync("/api/v1/schedules/replenishment/resume", null)).IsSuccessStatusCode);
        var seen = Occurrences(a, b).Count;
        await WaitUntilAsync(() => Occurrences(a, b).Count >= seen + 1, TimeSpan.FromMinutes(1), () => $"an occurrence after the failover\n{Tail(survivor)}");
        Assert.All(Occurrences(a, b), o => Assert.Equal(1, o.Value));
    }

    private const string LeaderAgent = "wolverine://leader/";

    /// <summary>The occurrences each hub says it handled (started a run, or skipped one still in progress), counted over both.</summary>
    private static Dictionary<string, int> Occurrences(params RunningHub[] hubs) =>
        hubs.SelectMany(h => h.Output.Split('\n')).Select(l => OccurrenceLine().Match(l)).Where(m => m.Success)
            .GroupBy(m => m.Groups["at"].Value).ToDictionary(g => g.Key, g => g.Count());

    private static async Task<Guid> NodeIdAsync(RunningHub hub) =>
        Guid.Parse(NodeLine().Match(await hub.LineAsync(l => NodeLine().IsMatch(l), TimeSpan.FromSeconds(30))).Groups[1].Value);

    /// <summary>Where Wolverine's leader placed each agent (the leader itself, recovery, the schedules), from its own table.</summary>
    private static async Task<Dictionary<string, Guid>> AssignmentsAsync(string connectionString)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("select id, node_id from wolverine.wolverine_node_assignments", conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        var assignments = new Dictionary<string, Guid>();
        while (await reader.ReadAsync()) assignments[reader.GetString(0)] = reader.GetGuid(1);
        return assignments;
    }

    private static async Task<Dictionary<string, Guid>> WaitForAssignmentsAsync(string connectionString, Func<Dictionary<string, Guid>, bool> until,
        string what, params RunningHub[] hubs)
    {
        Dictionary<string, Guid> last = [];
        await WaitUntilAsync(async () => until(last = await AssignmentsAsync(connectionString)), TimeSpan.FromMinutes(2),
            () => $"{what}; assignments: {string.Join(", ", last.Select(p => $"{p.Key}={p.Value}"))}\n{string.Join('\n', hubs.Select(Tail))}");
        return last;
    }

    private static Task WaitUntilAsync(Func<bool> condition, TimeSpan limit, Func<string> what) =>
        WaitUntilAsync(() => Task.FromResult(condition()), limit, what);

    /// <summary>Polls; the limit only keeps a broken build from hanging the suite.</summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan limit, Func<string> what)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"never got there: {what()}");
            await Task.Delay(200);
        }
    }

    private static async Task<Guid[]> RunsAsync(HttpClient api)
    {
        var page = await api.GetFromJsonAsync<JsonElement>("/api/v1/runs?page_size=500");
        return page.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetGuid()).ToArray();
    }

    private static string Tail(RunningHub hub) => hub.Output[^Math.Min(hub.Output.Length, 3000)..];

    [GeneratedRegex(@"Scheduled run (?:\S+ started for the occurrence of|of) (?<at>\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ)")]
    private static partial Regex OccurrenceLine();

    [GeneratedRegex(@"Wolverine durability mode \w+, node ([0-9a-f-]{36})")]
    private static partial Regex NodeLine();
}
