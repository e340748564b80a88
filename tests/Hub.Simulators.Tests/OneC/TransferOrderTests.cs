using System.Net;
using Hub.Simulators.Tests.Infrastructure;

namespace Hub.Simulators.Tests.OneC;

public sealed class TransferOrderTests
{
    [Fact]
    public async Task creating_a_transfer_order_returns_201_with_an_unposted_document()
    {
        await using var sim = await Sim.StartAsync();

        var response = await sim.OneC().PostAsync(OneCDocuments.Collection, OneCDocuments.Body(sim, "hub:create").Json());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var document = await response.JsonAsync();
        Assert.True(Guid.TryParse(document["Ref_Key"].Str(), out _));
        Assert.False(string.IsNullOrEmpty(document["Number"].Str()));
        Assert.False(document["Posted"]!.GetValue<bool>());
        Assert.False(document["DeletionMark"]!.GetValue<bool>());
        Assert.Equal("hub:create", document["Комментарий"].Str());
        Assert.Equal("2026-11-20T09:30:00", document["Date"].Str());
        var lines = document["Товары"]!.AsArray();
        Assert.Equal(["1", "2"], lines.Select(l => l!["LineNumber"].Str()).ToArray());
        Assert.Equal(2.5m, lines[1]!["Количество"]!.GetValue<decimal>());
        Assert.NotNull(response.Headers.Location);
    }

    [Fact]
    public async Task posting_a_document_is_a_second_request_that_marks_it_posted()
    {
        await using var sim = await Sim.StartAsync();
        var client = sim.OneC();
        var created = await (await client.PostAsync(OneCDocuments.Collection, OneCDocuments.Body(sim, "hub:post").Json())).JsonAsync();
        var refKey = created["Ref_Key"].Str();

        var posted = await client.PostAsync(OneCDocuments.Post(refKey), null);
        var reread = await (await client.GetAsync($"{OneCPaths.Encode(OneCPaths.TransferOrders)}(guid'{refKey}')?$format=json")).JsonAsync();

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.True(reread["Posted"]!.GetValue<bool>());
    }

    [Fact]
    public async Task a_comment_with_a_quote_is_found_with_the_quote_doubled()
    {
        await using var sim = await Sim.StartAsync();
        var client = sim.OneC();
        const string marker = "hub:O'Brien 42";
        await client.PostAsync(OneCDocuments.Collection, OneCDocuments.Body(sim, "hub:other").Json());
        await client.PostAsync(OneCDocuments.Collection, OneCDocuments.Body(sim, marker).Json());

        var found = await (await client.GetAsync(OneCDocuments.FindByComment(marker))).JsonAsync();

        Assert.Equal(marker, Assert.Single(found["value"]!.AsArray())!["Комментарий"].Str());
    }

    [Fact]
    public async Task substringof_finds_documents_by_their_marker()
    {
        await using var sim = await Sim.StartAsync();
        var client = sim.OneC();
        var marker = $"hub:{Guid.NewGuid()}";
        await client.PostAsync(OneCDocuments.Collection, OneCDocuments.Body(sim, $"Пополнение. {marker}").Json());
        await client.PostAsync(OneCDocuments.Collection, OneCDocuments.Body(sim, "ручной документ").Json());
        var query = OneCPaths.Query(("$format", "json"), ("$filter", $"substringof({OneCPaths.Literal(marker)}, Комментарий)"));

        var found = await (await client.GetAsync($"{OneCPaths.Encode(OneCPaths.TransferOrders)}?{query}")).JsonAsync();

        Assert.EndsWith(marker, Assert.Single(found["value"]!.AsArray())!["Комментарий"].Str());
    }

    [Fact]
    public async Task unknown_warehouse_or_item_keys_get_400_with_an_odata_error_and_create_nothing()
    {
        await using var sim = await Sim.StartAsync();
        var client = sim.OneC();

        var badWarehouse = await client.PostAsync(OneCDocuments.Collection, OneCDocuments.Body(sim, "hub:x", sender: Guid.NewGuid()).Json());
        var badItem = await client.PostAsync(OneCDocuments.Collection, OneCDocuments.Body(sim, "hub:y", item: Guid.NewGuid()).Json());

        Assert.Equal(HttpStatusCode.BadRequest, badWarehouse.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badItem.StatusCode);
        Assert.Contains("СкладОтправитель_Key", (await badWarehouse.JsonAsync())["odata.error"]!["message"]!["value"].Str());
        Assert.Contains("Номенклатура_Key", (await badItem.JsonAsync())["odata.error"]!["message"]!["value"].Str());
        Assert.Empty(sim.Server.State.TransferOrders);
    }

    [Fact]
    public async Task posting_an_unknown_document_gets_404()
    {
        await using var sim = await Sim.StartAsync();

        var response = await sim.OneC().PostAsync(OneCDocuments.Post(Guid.NewGuid().ToString()), null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotNull((await response.JsonAsync())["odata.error"]!["code"]);
    }
}
