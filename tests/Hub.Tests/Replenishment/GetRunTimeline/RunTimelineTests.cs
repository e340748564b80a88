using System.Text.Json;
using Alba;
using Hub.Simulators;
using Hub.Simulators.Faults;
using Hub.Tests.Infrastructure;
using Marten;

namespace Hub.Tests.Replenishment.GetRunTimeline;

/// <summary>A run is an event stream of its own events; each order has a stream of its own; the timeline reads both in order.</summary>
[Collection(ReplenishmentCollection.Name)]
public sealed class RunTimelineTests(ReplenishmentFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAllAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<JsonElement> TimelineAsync(Guid id, string query = "")
    {
        var result = await fixture.Host.Scenario(s => s.Get.Url($"/api/v1/runs/{id}/timeline{query}"));
        return await result.ReadAsJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task a_completed_run_keeps_only_its_own_events_on_its_stream_and_one_stream_per_order()
    {
        var id = await fixture.TriggerAsync();
        var run = await fixture.WaitForRunAsync(id, ReplenishmentFixture.Ended);
        Assert.Equal("Completed", run.GetProperty("status").GetString());
        var orders = run.GetProperty("orders").EnumerateArray().Select(o => o.GetProperty("id").GetGuid()).ToArray();
        Assert.NotEmpty(orders);

        await using var session = fixture.Store.QuerySession();
        var runEvents = await session.Events.FetchStreamAsync(id);
        Assert.Equal(["RunRequested", "RunPlanningStarted", "RunPlanned", "RunFinished"], runEvents.Select(e => e.Data.GetType().Name).ToArray());
        foreach (var order in orders)
        {
            var orderEvents = await session.Events.FetchStreamAsync(order);
            Assert.Equal(["OrderQueued", "OrderSent"], orderEvents.Select(e => e.Data.GetType().Name).ToArray());
        }
    }

    [Fact]
    public async Task the_timeline_tells_a_retried_order_in_the_order_it_happened_and_pages_on()
    {
        // 1C refuses every create until an order is seen retrying; then it is healthy again and every order goes through.
        fixture.Fault(SimulatorSystem.OneC, new FaultSettings { Methods = "POST", ErrorRate = 1 });
        var id = await fixture.TriggerAsync();
        await fixture.WaitForRunAsync(id, r => r.GetProperty("orders").EnumerateArray().Any(o => o.GetProperty("state").GetString() == "Retrying"));
        fixture.Simulator.Faults.Reset();
        var run = await fixture.WaitForRunAsync(id, ReplenishmentFixture.Ended);
        Assert.Equal("Completed", run.GetProperty("status").GetString());

        var all = new List<JsonElement>();
        var after = 0L;
        while (true)
        {
            var page = await TimelineAsync(id, $"?after={after}&page_size=7");
            all.AddRange(page.GetProperty("items").EnumerateArray());
            if (page.GetProperty("next").ValueKind == JsonValueKind.Null) break;
            after = page.GetProperty("next").GetInt64();
        }

        var kinds = all.Select(e => e.GetProperty("event").GetString()!).ToArray();
        Assert.Equal(["requested", "planning_started", "planned"], kinds.Take(3).ToArray());
        Assert.Equal("finished", kinds[^1]);
        var sequences = all.Select(e => e.GetProperty("sequence").GetInt64()).ToArray();
        Assert.Equal(sequences.Order().Distinct().ToArray(), sequences);
        var orders = run.GetProperty("orders").EnumerateArray().ToArray();
        Assert.Equal(orders.Length, kinds.Count(k => k == "order_queued"));
        Assert.Equal(orders.Length, kinds.Count(k => k == "order_sent"));
        Assert.Contains("order_retrying", kinds);
        // Each retried order's retry comes before its success.
        foreach (var order in all.Where(e => e.GetProperty("event").GetString() == "order_retrying").Select(e => e.GetProperty("order_id").GetGuid()))
        {
            var mine = all.Where(e => e.GetProperty("order_id").ValueKind != JsonValueKind.Null && e.GetProperty("order_id").GetGuid() == order)
                .Select(e => e.GetProperty("event").GetString()!).ToArray();
            Assert.Equal("order_queued", mine[0]);
            Assert.Equal("order_sent", mine[^1]);
        }
    }

    [Fact]
    public async Task an_unknown_run_has_no_timeline_and_a_bad_page_size_is_refused()
    {
        var missing = await fixture.Host.Scenario(s =>
        {
            s.Get.Url($"/api/v1/runs/{Guid.NewGuid()}/timeline");
            s.StatusCodeShouldBe(404);
        });
        Assert.Contains("no run has id", await missing.ReadAsTextAsync());
        await fixture.Host.Scenario(s =>
        {
            s.Get.Url($"/api/v1/runs/{Guid.NewGuid()}/timeline?page_size=0");
            s.StatusCodeShouldBe(400);
        });
    }
}
