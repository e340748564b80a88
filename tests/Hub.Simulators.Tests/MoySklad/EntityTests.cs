using System.Net;
using Hub.Simulators.Tests.Infrastructure;

namespace Hub.Simulators.Tests.MoySklad;

public sealed class EntityTests
{
    [Fact]
    public async Task paging_with_limit_100_walks_every_product_once_through_next_href()
    {
        await using var sim = await Sim.StartAsync(o => o.ItemCount = 300);
        var client = sim.MoySkladBearer();

        var ids = new List<string>();
        string? next = "entity/product?limit=100";
        var pages = 0;
        while (next is not null)
        {
            var page = await (await client.GetAsync(next)).JsonAsync();
            Assert.Equal(300, page["meta"]!["size"]!.GetValue<int>());
            Assert.Equal(100, page["meta"]!["limit"]!.GetValue<int>());
            ids.AddRange(page["rows"]!.AsArray().Select(r => r!["id"].Str()));
            next = page["meta"]!["nextHref"]?.GetValue<string>();
            pages++;
        }

        Assert.Equal(3, pages);
        Assert.Equal(300, ids.Count);
        Assert.Equal(300, ids.Distinct().Count());
    }

    [Fact]
    public async Task a_limit_above_1000_is_refused_with_an_error_body()
    {
        await using var sim = await Sim.StartAsync();

        var response = await sim.MoySkladBearer().GetAsync("entity/product?limit=1001");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.JsonAsync()).FirstError();
        Assert.Equal("limit", error["parameter"].Str());
        Assert.Equal($"https://dev.moysklad.ru/doc/api/remap/1.2/#error_{error["code"]}", error["moreInfo"].Str());
    }

    [Fact]
    public async Task filtering_by_external_code_finds_the_product_of_a_1c_item()
    {
        await using var sim = await Sim.StartAsync();
        var item = sim.Server.State.Catalogue.Items[7];

        var page = await (await sim.MoySkladBearer().GetAsync($"entity/product?filter={Uri.EscapeDataString($"externalCode={item.RefKey}")}")).JsonAsync();

        var row = Assert.Single(page["rows"]!.AsArray());
        Assert.Equal(item.Name, row!["name"].Str());
        Assert.Equal(item.ProductId.ToString(), row["id"].Str());
        Assert.Equal(1, page["meta"]!["size"]!.GetValue<int>());
    }

    [Fact]
    public async Task several_values_of_one_filter_field_mean_any_of_them()
    {
        await using var sim = await Sim.StartAsync();
        var filter = Uri.EscapeDataString("name=Контейнер;name=Магазин Купчино");

        var page = await (await sim.MoySkladBearer().GetAsync($"entity/store?filter={filter}")).JsonAsync();

        Assert.Equal(["Контейнер", "Магазин Купчино"], page["rows"]!.AsArray().Select(r => r!["name"].Str()).Order().ToArray());
    }

    [Fact]
    public async Task an_unknown_filter_field_is_refused_with_code_1034()
    {
        await using var sim = await Sim.StartAsync();

        var response = await sim.MoySkladBearer().GetAsync("entity/store?filter=colour=red");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(1034, (await response.JsonAsync()).FirstError()["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task stores_carry_the_names_of_the_1c_warehouses_and_are_served_by_id()
    {
        await using var sim = await Sim.StartAsync();
        var client = sim.MoySkladBearer();
        var warehouse = sim.Server.State.Catalogue.Warehouse("Бестужевых");

        var list = await (await client.GetAsync("entity/store")).JsonAsync();
        var single = await (await client.GetAsync($"entity/store/{warehouse.StoreId}")).JsonAsync();

        Assert.Equal(
            ["Бестужевых", "Контейнер", "Магазин Купчино", "Магазин Московский", "Магазин Невский"],
            list["rows"]!.AsArray().Select(r => r!["name"].Str()).Order().ToArray());
        Assert.Equal("Бестужевых", single["name"].Str());
        Assert.Equal("store", single["meta"]!["type"].Str());
        Assert.Equal("application/json", single["meta"]!["mediaType"].Str());
        Assert.EndsWith($"/entity/store/{warehouse.StoreId}", single["meta"]!["href"].Str());
    }

    [Fact]
    public async Task an_unknown_id_gets_404_with_code_1021_and_an_unknown_type_gets_code_1005()
    {
        await using var sim = await Sim.StartAsync();
        var client = sim.MoySkladBearer();

        var missing = await client.GetAsync($"entity/store/{Guid.NewGuid()}");
        var unknownType = await client.GetAsync("entity/spaceship");

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(1021, (await missing.JsonAsync()).FirstError()["code"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.NotFound, unknownType.StatusCode);
        Assert.Equal(1005, (await unknownType.JsonAsync()).FirstError()["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task the_organization_and_default_counterparty_exist()
    {
        await using var sim = await Sim.StartAsync();
        var client = sim.MoySkladBearer();

        var organization = await (await client.GetAsync("entity/organization")).JsonAsync();
        var counterparty = await (await client.GetAsync("entity/counterparty")).JsonAsync();

        Assert.Equal("ООО Симулятор", organization["rows"]![0]!["name"].Str());
        Assert.Equal("Поставщик по умолчанию", counterparty["rows"]![0]!["name"].Str());
    }
}
