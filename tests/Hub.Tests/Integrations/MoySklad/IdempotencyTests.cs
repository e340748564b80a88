using System.Text.Json;
using Hub.Integrations.MoySklad;
using Hub.Simulators.Faults;
using Hub.Simulators.State;
using Hub.Tests.Infrastructure;

namespace Hub.Tests.Integrations.MoySklad;

/// <summary>
/// A retry after a lost answer is exactly how duplicate orders happen. Every create carries its syncId, so
/// however often it is sent, МойСклад (here the simulator) holds one order per syncId.
/// </summary>
public sealed class IdempotencyTests
{
    private static async Task<ClientHarness> StartAsync() =>
        // A short client timeout, so a hanging answer is given up on long before the simulator would drop it.
        await ClientHarness.StartAsync(settings: s => s["MoySklad:TimeoutSeconds"] = "1");

    private static async Task<CustomerOrderRequest> OrderAsync(ClientHarness h, string code)
    {
        var product = (await h.MoySklad.GetProductsAsync(null, CancellationToken.None))[0];
        return new CustomerOrderRequest(Guid.NewGuid(), code, "Дефицит", [new CustomerOrderLine(product.Ref, 2)]);
    }

    [Fact]
    public async Task a_create_that_timed_out_while_the_server_created_it_is_retried_into_the_same_single_order()
    {
        await using var h = await StartAsync();
        var order = await OrderAsync(h, "hub-timeout");
        await h.MoySklad.ResolveDefaultsAsync(CancellationToken.None);
        h.Sim.Faults.MoySklad = new FaultSettings { TimeoutRate = 1, TimeoutMs = 30_000 };

        var create = h.MoySklad.CreateCustomerOrderAsync(order, CancellationToken.None);
        await ClientHarness.UntilAsync(() => h.Sim.State.Requests.MoySklad.Timeouts >= 1, "the first create to hang");
        h.Sim.Faults.Reset();
        var created = await create;

        var orders = await h.InspectAsync("_sim/moysklad/orders");
        Assert.Equal(1, orders.GetProperty("count").GetInt32());
        var stored = orders.GetProperty("orders")[0];
        Assert.Equal(created.Id, stored.GetProperty("id").GetString());
        Assert.Equal(order.SyncId.ToString(), stored.GetProperty("syncId").GetString());
        Assert.Equal(2, stored.GetProperty("receivedCount").GetInt32());
        Assert.Equal(1, orders.GetProperty("createdBySyncId").GetProperty(order.SyncId.ToString()).GetInt32());
        var attempts = h.Logs.Entries.Where(e => e.Action == "create_customer_order").ToList();
        Assert.Equal([0, 1], attempts.Select(e => e.RetryCount ?? -1).ToArray());
        Assert.Equal("timeout", attempts[0].ErrorCode);
    }

    [Fact]
    public async Task a_create_slower_than_the_client_timeout_is_sent_again_and_lands_once()
    {
        await using var h = await StartAsync();
        var order = await OrderAsync(h, "hub-latency");
        await h.MoySklad.ResolveDefaultsAsync(CancellationToken.None);
        h.Sim.Faults.MoySklad = new FaultSettings { LatencyMs = 5_000, Methods = "POST" };

        var create = h.MoySklad.CreateCustomerOrderAsync(order, CancellationToken.None);
        await ClientHarness.UntilAsync(() => h.Sim.State.Requests.MoySklad.Log.Any(e => e.Outcome == RequestOutcome.Abandoned), "the client to give up on the slow create");
        h.Sim.Faults.Reset();
        await create;

        var orders = await h.InspectAsync("_sim/moysklad/orders");
        Assert.Equal(1, orders.GetProperty("count").GetInt32());
        Assert.Equal(1, orders.GetProperty("createdBySyncId").GetProperty(order.SyncId.ToString()).GetInt32());
    }

    [Fact]
    public async Task a_create_refused_with_429_waits_and_lands_once_when_the_limit_lifts()
    {
        await using var h = await StartAsync();
        var order = await OrderAsync(h, "hub-429");
        await h.MoySklad.ResolveDefaultsAsync(CancellationToken.None);
        h.Sim.Faults.MoySklad = new FaultSettings { Force429 = true };

        var create = h.MoySklad.CreateCustomerOrderAsync(order, CancellationToken.None);
        await ClientHarness.UntilAsync(() => h.Sim.State.Requests.MoySklad.RateLimited >= 2, "two refusals");
        h.Sim.Faults.Reset();
        await create;

        var orders = await h.InspectAsync("_sim/moysklad/orders");
        Assert.Equal(1, orders.GetProperty("count").GetInt32());
        Assert.Equal(1, orders.GetProperty("orders")[0].GetProperty("receivedCount").GetInt32());
    }

    public static TheoryData<string, FaultSettings> Faults => new()
    {
        { "latency", new FaultSettings { LatencyMs = 200 } },
        { "5xx", new FaultSettings { ErrorRate = 0.3 } },
        { "timeouts", new FaultSettings { TimeoutRate = 0.3, TimeoutMs = 5_000 } },
        { "drops", new FaultSettings { DropRate = 0.3 } },
        { "html 5xx", new FaultSettings { ErrorRate = 0.3, HtmlErrors = true } },
        { "everything", new FaultSettings { LatencyMs = 50, ErrorRate = 0.15, TimeoutRate = 0.1, TimeoutMs = 5_000, DropRate = 0.15, HtmlErrors = true } },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task orders_sent_until_done_under_a_fault_land_exactly_once_each(string fault, FaultSettings settings)
    {
        await using var h = await StartAsync();
        var product = (await h.MoySklad.GetProductsAsync(null, CancellationToken.None))[0];
        h.Sim.Faults.MoySklad = settings;

        var sent = new List<CustomerOrderRequest>();
        for (var i = 0; i < 8; i++)
        {
            var order = new CustomerOrderRequest(Guid.NewGuid(), $"hub-{fault}-{i}", fault, [new CustomerOrderLine(product.Ref, i + 1)]);
            await Resend.UntilDoneAsync(() => h.MoySklad.CreateCustomerOrderAsync(order, CancellationToken.None));
            sent.Add(order);
        }

        var orders = await h.InspectAsync("_sim/moysklad/orders");
        Assert.Equal(8, orders.GetProperty("count").GetInt32());
        var bySyncId = orders.GetProperty("createdBySyncId").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
        Assert.Equal(sent.Select(o => o.SyncId.ToString()).Order(), bySyncId.Keys.Order());
        Assert.All(bySyncId.Values, n => Assert.Equal(1, n));
        Assert.Equal(Enumerable.Range(1, 8).Select(i => (decimal)i),
            orders.GetProperty("orders").EnumerateArray().Select(o => o.GetProperty("positions")[0].GetProperty("quantity").GetDecimal()).Order());
    }
}
