using System.Text.Json;
using Alba;
using Hub.Tests.Infrastructure;

namespace Hub.Tests.Replenishment.ListRunOrders;

/// <summary>A run's orders a page at a time, in the order of their ids, filtered by state, with the run's counts.</summary>
[Collection(ReplenishmentCollection.Name)]
public sealed class RunOrdersPagingTests(ReplenishmentFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAllAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<(int Status, JsonElement Body)> GetAsync(string url)
    {
        var result = await fixture.Host.Scenario(s =>
        {
            s.Get.Url(url);
            s.IgnoreStatusCode();
        });
        return (result.Context.Response.StatusCode, await result.ReadAsJsonAsync<JsonElement>());
    }

    [Fact]
    public async Task every_order_is_read_once_in_id_order_page_by_page_with_the_runs_counts()
    {
        var run = await BigRun.SeedAsync(fixture.Store, orders: 23, decisions: 23, sent: 15, parked: 3);
        var seen = new List<Guid>();
        string? next = null;
        var pages = 0;
        do
        {
            var (status, page) = await GetAsync($"/api/v1/runs/{run.RunId}/orders?page_size=5{(next is null ? "" : $"&next={next}")}");
            Assert.Equal(200, status);
            Assert.True(page.GetProperty("items").GetArrayLength() <= 5);
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("id").GetGuid()));
            var counts = page.GetProperty("counts");
            Assert.Equal(23, counts.GetProperty("total").GetInt32());
            Assert.Equal(15, counts.GetProperty("sent").GetInt32());
            Assert.Equal(3, counts.GetProperty("failed").GetInt32());
            Assert.Equal(5, counts.GetProperty("open").GetInt32());
            next = page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next").GetString();
            pages++;
        } while (next is not null);

        Assert.Equal(5, pages);
        // In the order of their ids: version 7 UUIDs, the order they were planned in to the millisecond.
        Assert.Equal(run.OrderIds.Order(), seen);
    }

    [Fact]
    public async Task only_the_orders_in_the_state_asked_for_are_listed()
    {
        var run = await BigRun.SeedAsync(fixture.Store, orders: 12, decisions: 12, sent: 7, parked: 2);
        var (_, parked) = await GetAsync($"/api/v1/runs/{run.RunId}/orders?state=Parked");
        var items = parked.GetProperty("items").EnumerateArray().ToArray();
        Assert.Equal(run.Parked.Order(), items.Select(o => o.GetProperty("id").GetGuid()).ToArray());
        Assert.All(items, o => Assert.Equal("not posted", o.GetProperty("reason").GetString()));
        Assert.Equal(JsonValueKind.Null, parked.GetProperty("next").ValueKind);
        var (_, sent) = await GetAsync($"/api/v1/runs/{run.RunId}/orders?state=sent&page_size=100");
        Assert.Equal(run.Sent.Order(), sent.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("id").GetGuid()).ToArray());
    }

    [Fact]
    public async Task a_dry_runs_planned_orders_are_paged_too()
    {
        var id = await fixture.TriggerAsync(new { dry_run = true });
        var run = await fixture.WaitForRunAsync(id, ReplenishmentFixture.Ended);
        var planned = run.GetProperty("orders").EnumerateArray().Select(o => o.GetProperty("id").GetGuid()).ToArray();
        Assert.True(planned.Length > 2, "the simulator's catalogue plans more than two orders");
        var (_, first) = await GetAsync($"/api/v1/runs/{id}/orders?page_size=2");
        Assert.Equal(planned[..2], first.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("id").GetGuid()).ToArray());
        Assert.Equal(planned.Length, first.GetProperty("counts").GetProperty("total").GetInt32());
        var (_, second) = await GetAsync($"/api/v1/runs/{id}/orders?page_size=2&next={first.GetProperty("next").GetString()}");
        Assert.Equal(planned[2..Math.Min(4, planned.Length)], second.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("id").GetGuid()).ToArray());
    }

    [Theory]
    [InlineData("?page_size=0", "page_size")]
    [InlineData("?page_size=1001", "page_size")]
    [InlineData("?next=not-a-cursor", "next")]
    [InlineData("?state=Lost", "state")]
    [InlineData("?state=99", "state")]
    public async Task a_bad_query_is_a_problem_naming_the_field(string query, string field)
    {
        var run = await BigRun.SeedAsync(fixture.Store, orders: 2, decisions: 2, sent: 2, parked: 0);
        var (status, problem) = await GetAsync($"/api/v1/runs/{run.RunId}/orders{query}");
        Assert.Equal(400, status);
        Assert.Contains(field, problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("name").GetString()), StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task an_unknown_run_is_a_404_problem()
    {
        var (status, problem) = await GetAsync($"/api/v1/runs/{Guid.NewGuid()}/orders");
        Assert.Equal(404, status);
        Assert.Contains("no run has id", problem.GetRawText());
    }
}
