using System.Net;
using Hub.Simulators.Faults;
using Hub.Simulators.Tests.Infrastructure;

namespace Hub.Simulators.Tests.Faults;

public sealed class TimeoutAndDropTests
{
    [Fact]
    public async Task a_timed_out_order_post_was_still_created_and_a_retry_with_its_sync_id_finds_it()
    {
        await using var sim = await Sim.StartAsync();
        var client = sim.MoySkladBearer();
        var (organization, agent, products) = await MoySkladOrders.ReferencesAsync(client);
        var body = MoySkladOrders.Order(organization, agent, products[0], Guid.NewGuid().ToString());
        sim.Server.Faults.MoySklad = new FaultSettings { TimeoutRate = 1, TimeoutMs = 300 };

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.PostAsync("entity/customerorder", body.Json()));
        var afterTimeout = await sim.InspectAsync("_sim/moysklad/orders");
        sim.Server.Faults.MoySklad = FaultSettings.None;
        var retry = await client.PostAsync("entity/customerorder", body.Json());
        var afterRetry = await sim.InspectAsync("_sim/moysklad/orders");

        Assert.Equal(1, afterTimeout["count"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(afterTimeout["orders"]![0]!["id"].Str(), (await retry.JsonAsync())["id"].Str());
        Assert.Equal(1, afterRetry["count"]!.GetValue<int>());
        Assert.Equal(2, afterRetry["orders"]![0]!["receivedCount"]!.GetValue<int>());
        Assert.Equal(1, (await sim.InspectAsync("_sim/requests"))["moysklad"]!["timeouts"]!.GetValue<long>());
    }

    [Fact]
    public async Task a_client_timeout_shorter_than_the_hang_gives_up_while_the_order_exists()
    {
        await using var sim = await Sim.StartAsync();
        var client = sim.MoySkladBearer();
        var (organization, agent, products) = await MoySkladOrders.ReferencesAsync(client);
        sim.Server.Faults.MoySklad = new FaultSettings { TimeoutRate = 1, TimeoutMs = 30_000 };
        using var impatient = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            client.PostAsync("entity/customerorder", MoySkladOrders.Order(organization, agent, products[0]).Json(), impatient.Token));

        Assert.Single(sim.Server.State.CustomerOrders);
    }

    [Fact]
    public async Task a_dropped_transfer_order_post_leaves_the_document_behind_once()
    {
        await using var sim = await Sim.StartAsync(o => o.Faults.OneC = new FaultSettings { DropRate = 1 });
        var client = sim.OneC();
        var marker = $"hub:{Guid.NewGuid()}";

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.PostAsync(OneCDocuments.Collection, OneCDocuments.Body(sim, marker).Json()));
        sim.Server.Faults.OneC = FaultSettings.None;
        var found = await (await client.GetAsync(OneCDocuments.FindByComment(marker))).JsonAsync();

        var document = Assert.Single(found["value"]!.AsArray())!;
        Assert.False(document["Posted"]!.GetValue<bool>());
        var inspected = await sim.InspectAsync("_sim/1c/documents");
        Assert.Equal(1, inspected["byComment"]![marker]!.GetValue<int>());
        Assert.Equal(1, (await sim.InspectAsync("_sim/requests"))["onec"]!["drops"]!.GetValue<long>());
    }

    [Fact]
    public async Task a_dropped_moysklad_read_has_no_answer_at_all()
    {
        await using var sim = await Sim.StartAsync(o => o.Faults.MoySklad = new FaultSettings { DropRate = 1 });

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => sim.MoySkladBearer().GetAsync("entity/store"));
    }
}
