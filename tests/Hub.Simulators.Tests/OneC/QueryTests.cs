using System.Net;
using Hub.Simulators.Tests.Infrastructure;

namespace Hub.Simulators.Tests.OneC;

public sealed class QueryTests
{
    [Fact]
    public async Task filter_by_guid_with_select_keeps_only_the_selected_fields()
    {
        await using var sim = await Sim.StartAsync();
        var item = sim.Server.State.Catalogue.Items[3];
        var query = OneCPaths.Query(("$format", "json"), ("$filter", $"Ref_Key eq guid'{item.RefKey}'"), ("$select", "Ref_Key,Description,Артикул"));

        var body = await (await sim.OneC().GetAsync($"{OneCPaths.Encode(OneCPaths.Items)}?{query}")).JsonAsync();

        var row = Assert.Single(body["value"]!.AsArray())!.AsObject();
        Assert.Equal(["Ref_Key", "Description", "Артикул"], row.Select(p => p.Key).ToArray());
        Assert.Equal(item.Name, row["Description"].Str());
        Assert.Equal(item.Article, row["Артикул"].Str());
    }

    [Fact]
    public async Task top_skip_orderby_and_inlinecount_page_through_a_collection()
    {
        await using var sim = await Sim.StartAsync();
        var expected = sim.Server.State.Catalogue.Items.Select(i => i.Code).Order(StringComparer.OrdinalIgnoreCase).ToList();
        var query = OneCPaths.Query(("$format", "json"), ("$filter", "IsFolder eq false and DeletionMark eq false"), ("$orderby", "Code desc"),
            ("$skip", "5"), ("$top", "10"), ("$inlinecount", "allpages"), ("$select", "Code"));

        var body = await (await sim.OneC().GetAsync($"{OneCPaths.Encode(OneCPaths.Items)}?{query}")).JsonAsync();

        Assert.Equal(expected.Count.ToString(), body["odata.count"].Str());
        Assert.Equal(
            Enumerable.Reverse(expected).Skip(5).Take(10).ToArray(),
            body["value"]!.AsArray().Select(r => r!["Code"].Str()).ToArray());
    }

    [Fact]
    public async Task a_text_literal_and_an_and_clause_filter_norms_of_one_shop()
    {
        await using var sim = await Sim.StartAsync();
        var catalogue = sim.Server.State.Catalogue;
        var shop = catalogue.Warehouse("Магазин Купчино");
        var query = OneCPaths.Query(("$format", "json"),
            ("$filter", $"Склад_Key eq guid'{shop.RefKey}' and МетодОбеспеченияПотребностей eq 'ПоддержаниеЗапасаМинМакс' and ЭтоГруппировка eq false"));

        var body = await (await sim.OneC().GetAsync($"{OneCPaths.Encode(OneCPaths.Norms)}?{query}")).JsonAsync();

        var rows = body["value"]!.AsArray();
        Assert.Equal(catalogue.Norms.Count(n => n.WarehouseKey == shop.RefKey && n.IsItemNorm), rows.Count);
        Assert.All(rows, r => Assert.True(r!["МаксимальноеКоличествоЗапаса"]!.GetValue<decimal>() >= r["МинимальноеКоличествоЗапаса"]!.GetValue<decimal>()));
    }

    [Fact]
    public async Task filtering_warehouses_by_description_with_eq_finds_one()
    {
        await using var sim = await Sim.StartAsync();
        var query = OneCPaths.Query(("$format", "json"), ("$filter", $"Description eq {OneCPaths.Literal("Контейнер")}"));
        // Description is a string of limited length (unlike Комментарий), so 1C compares it with eq.

        var body = await (await sim.OneC().GetAsync($"{OneCPaths.Encode(OneCPaths.Warehouses)}?{query}")).JsonAsync();

        Assert.Equal(sim.Server.State.Catalogue.Warehouse("Контейнер").RefKey.ToString(), Assert.Single(body["value"]!.AsArray())!["Ref_Key"].Str());
    }

    [Theory]
    [InlineData("НетТакогоПоля eq 'x'")]
    [InlineData("Description eq 'unterminated")]
    [InlineData("Description eqq 'x'")]
    public async Task a_bad_filter_gets_400_with_an_odata_error(string filter)
    {
        await using var sim = await Sim.StartAsync();
        var query = OneCPaths.Query(("$format", "json"), ("$filter", filter));

        var response = await sim.OneC().GetAsync($"{OneCPaths.Encode(OneCPaths.Warehouses)}?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.JsonAsync())["odata.error"]!["message"]!["value"]);
    }
}
