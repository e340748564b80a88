using System.Net;
using System.Text.Json.Nodes;
using Hub.Simulators.Tests.Infrastructure;

namespace Hub.Simulators.Tests.MoySklad;

public sealed class CustomerOrderTests
{
    [Fact]
    public async Task a_created_order_comes_back_with_id_sequential_name_and_positions_meta()
    {
        await using var sim = await Sim.StartAsync();
        var client = sim.MoySkladBearer();
        var (organization, agent, products) = await MoySkladOrders.ReferencesAsync(client);
        var syncId = Guid.NewGuid().ToString();

        var response = await client.PostAsync("entity/customerorder", MoySkladOrders.Order(organization, agent, products[0], syncId, "hub-order-1").Json());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var order = await response.JsonAsync();
        Assert.True(Guid.TryParse(order["id"].Str(), out _));
        Assert.Equal("00001", order["name"].Str());
        Assert.Equal(syncId, order["syncId"].Str());
        Assert.Equal("hub-order-1", order["externalCode"].Str());
        Assert.Equal("customerorder", order["meta"]!["type"].Str());
        Assert.Equal(1, order["positions"]!["meta"]!["size"]!.GetValue<int>());
        Assert.Equal(37500.0, order["sum"]!.GetValue<double>());
    }

    [Fact]
    public async Task a_second_post_with_the_same_sync_id_returns_the_existing_order()
    {
        await using var sim = await Sim.StartAsync();
        var client = sim.MoySkladBearer();
        var (organization, agent, products) = await MoySkladOrders.ReferencesAsync(client);
        var body = MoySkladOrders.Order(organization, agent, products[0], Guid.NewGuid().ToString());

        var first = await (await client.PostAsync("entity/customerorder", body.Json())).JsonAsync();
        var second = await client.PostAsync("entity/customerorder", body.Json());

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(first["id"].Str(), (await second.JsonAsync())["id"].Str());
        var inspected = await sim.InspectAsync("_sim/moysklad/orders");
        Assert.Equal(1, inspected["count"]!.GetValue<int>());
        Assert.Equal(2, inspected["orders"]![0]!["receivedCount"]!.GetValue<int>());
        Assert.Equal(1, inspected["createdBySyncId"]![body["syncId"].Str()]!.GetValue<int>());
    }

    [Fact]
    public async Task concurrent_posts_with_one_sync_id_create_one_order()
    {
        await using var sim = await Sim.StartAsync();
        var client = sim.MoySkladBearer();
        var (organization, agent, products) = await MoySkladOrders.ReferencesAsync(client);
        var body = MoySkladOrders.Order(organization, agent, products[0], Guid.NewGuid().ToString());

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.PostAsync("entity/customerorder", body.Json())));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single(sim.Server.State.CustomerOrders);
    }

    [Fact]
    public async Task orders_without_sync_id_are_duplicated_by_a_retry()
    {
        await using var sim = await Sim.StartAsync();
        var client = sim.MoySkladBearer();
        var (organization, agent, products) = await MoySkladOrders.ReferencesAsync(client);
        var body = MoySkladOrders.Order(organization, agent, products[0], externalCode: "same-code");

        await client.PostAsync("entity/customerorder", body.Json());
        await client.PostAsync("entity/customerorder", body.Json());

        var inspected = await sim.InspectAsync("_sim/moysklad/orders");
        Assert.Equal(2, inspected["count"]!.GetValue<int>());
        Assert.Equal(2, inspected["createdByExternalCode"]!["same-code"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("organization")]
    [InlineData("agent")]
    public async Task a_missing_required_reference_is_refused_with_code_3000_naming_the_field(string field)
    {
        await using var sim = await Sim.StartAsync();
        var client = sim.MoySkladBearer();
        var (organization, agent, products) = await MoySkladOrders.ReferencesAsync(client);
        var body = MoySkladOrders.Order(organization, agent, products[0]);
        body.Remove(field);

        var response = await client.PostAsync("entity/customerorder", body.Json());

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        var error = (await response.JsonAsync()).FirstError();
        Assert.Equal(3000, error["code"]!.GetValue<int>());
        Assert.Equal(field, error["parameter"].Str());
        Assert.Equal("https://dev.moysklad.ru/doc/api/remap/1.2/#error_3000", error["moreInfo"].Str());
        Assert.Contains(field, error["error"].Str());
        Assert.Empty(sim.Server.State.CustomerOrders);
    }

    [Fact]
    public async Task an_unknown_product_is_refused_and_nothing_is_created()
    {
        await using var sim = await Sim.StartAsync();
        var client = sim.MoySkladBearer();
        var (organization, agent, products) = await MoySkladOrders.ReferencesAsync(client);
        var unknown = products[0][..products[0].LastIndexOf('/')] + "/" + Guid.NewGuid();

        var response = await client.PostAsync("entity/customerorder", MoySkladOrders.Order(organization, agent, unknown).Json());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(1021, (await response.JsonAsync()).FirstError()["code"]!.GetValue<int>());
        Assert.Empty(sim.Server.State.CustomerOrders);
    }

    [Fact]
    public async Task a_malformed_sync_id_is_refused()
    {
        await using var sim = await Sim.StartAsync();
        var client = sim.MoySkladBearer();
        var (organization, agent, products) = await MoySkladOrders.ReferencesAsync(client);

        var response = await client.PostAsync("entity/customerorder", MoySkladOrders.Order(organization, agent, products[0], syncId: "outbox-17").Json());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.JsonAsync()).FirstError();
        Assert.Equal(2016, error["code"]!.GetValue<int>());
        Assert.Equal("syncId", error["parameter"].Str());
    }

    [Fact]
    public async Task a_bulk_post_answers_element_by_element()
    {
        await using var sim = await Sim.StartAsync();
        var client = sim.MoySkladBearer();
        var (organization, agent, products) = await MoySkladOrders.ReferencesAsync(client);
        var broken = MoySkladOrders.Order(organization, agent, products[1]);
        broken.Remove("agent");
        var bulk = new JsonArray(MoySkladOrders.Order(organization, agent, products[0]), broken);

        var response = await client.PostAsync("entity/customerorder", bulk.Json());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = (await response.JsonAsync()).AsArray();
        Assert.NotNull(results[0]!["id"]);
        Assert.Equal(3000, results[1]!.FirstError()["code"]!.GetValue<int>());
        Assert.Single(sim.Server.State.CustomerOrders);
    }

    [Fact]
    public async Task a_bulk_post_of_more_than_1000_orders_gets_413()
    {
        await using var sim = await Sim.StartAsync();
        var client = sim.MoySkladBearer();
        var bulk = new JsonArray(Enumerable.Range(0, 1001).Select(_ => (JsonNode)new JsonObject()).ToArray());

        var response = await client.PostAsync("entity/customerorder", bulk.Json());

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.NotNull((await response.JsonAsync()).FirstError()["code"]);
    }

    [Fact]
    public async Task created_orders_can_be_found_by_sync_id_and_their_positions_read()
    {
        await using var sim = await Sim.StartAsync();
        var client = sim.MoySkladBearer();
        var (organization, agent, products) = await MoySkladOrders.ReferencesAsync(client);
        var syncId = Guid.NewGuid().ToString();
        await client.PostAsync("entity/customerorder", MoySkladOrders.Order(organization, agent, products[0]).Json());
        var created = await (await client.PostAsync("entity/customerorder", MoySkladOrders.Order(organization, agent, products[1], syncId).Json())).JsonAsync();

        var found = await (await client.GetAsync($"entity/customerorder?filter={Uri.EscapeDataString($"syncId={syncId}")}")).JsonAsync();
        var positions = await (await client.GetAsync($"entity/customerorder/{created["id"].Str()}/positions")).JsonAsync();

        Assert.Equal(created["id"].Str(), Assert.Single(found["rows"]!.AsArray())!["id"].Str());
        var position = Assert.Single(positions["rows"]!.AsArray());
        Assert.Equal(products[1], position!["assortment"]!["meta"]!["href"].Str());
        Assert.Equal(3, position["quantity"]!.GetValue<double>());
    }

    [Fact]
    public async Task a_shipment_shows_in_the_positions_shipped_and_in_the_orders_shipped_sum()
    {
        await using var sim = await Sim.StartAsync();
        var client = sim.MoySkladBearer();
        var (organization, agent, products) = await MoySkladOrders.ReferencesAsync(client);
        var body = MoySkladOrders.Order(organization, agent, products[0], Guid.NewGuid().ToString());
        body["positions"]![0]!["quantity"] = 10;
        var created = await (await client.PostAsync("entity/customerorder", body.Json())).JsonAsync();
        var id = created["id"].Str();

        var before = await (await client.GetAsync($"entity/customerorder/{id}/positions")).JsonAsync();
        var shipped = await sim.Inspection().PostAsync($"_sim/moysklad/orders/{id}/ship?share=0.5", null);
        var after = await (await client.GetAsync($"entity/customerorder/{id}/positions")).JsonAsync();
        var order = await (await client.GetAsync($"entity/customerorder/{id}")).JsonAsync();
        var unknown = await sim.Inspection().PostAsync($"_sim/moysklad/orders/{Guid.NewGuid()}/ship", null);

        Assert.Equal(0, before["rows"]![0]!["shipped"]!.GetValue<double>());
        Assert.Equal(HttpStatusCode.OK, shipped.StatusCode);
        Assert.Equal(5, after["rows"]![0]!["shipped"]!.GetValue<double>());
        Assert.Equal(10, after["rows"]![0]!["quantity"]!.GetValue<double>());
        Assert.Equal(5 * 12500.0, order["shippedSum"]!.GetValue<double>());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
