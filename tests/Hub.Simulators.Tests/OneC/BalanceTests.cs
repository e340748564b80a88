using System.Text.Json.Nodes;
using Hub.Simulators.Tests.Infrastructure;

namespace Hub.Simulators.Tests.OneC;

public sealed class BalanceTests
{
    private static string Balance => $"{OneCPaths.Encode(OneCPaths.Register)}/Balance";

    [Fact]
    public async Task balance_parameters_in_parentheses_and_in_the_query_give_the_same_rows()
    {
        await using var sim = await Sim.StartAsync();
        var shop = sim.Server.State.Catalogue.Warehouse("Магазин Невский");
        var condition = $"Склад_Key eq guid'{shop.RefKey}'";
        var client = sim.OneC();
        var parentheses = Uri.EscapeDataString($"(Period=datetime'2026-11-01T00:00:00',Condition={OneCPaths.Literal(condition)},Dimensions='Номенклатура,Склад')");

        var inPath = await (await client.GetAsync($"{Balance}{parentheses}?$format=json")).JsonAsync();
        var inQuery = await (await client.GetAsync($"{Balance}?{OneCPaths.Query(("$format", "json"), ("Period", "datetime'2026-11-01T00:00:00'"), ("Condition", condition), ("Dimensions", "Номенклатура,Склад"))}")).JsonAsync();

        // Without Характеристика among the dimensions, an item's characteristics add up into one row.
        var expected = sim.Server.State.Catalogue.Balances.Where(b => b.WarehouseKey == shop.RefKey).GroupBy(b => b.ItemKey)
            .ToDictionary(g => g.Key, g => (OnHand: g.Sum(b => b.Quantity), ToShip: g.Sum(b => b.ToShip)));
        var rows = inPath["value"]!.AsArray();
        Assert.Equal(expected.Count, rows.Count);
        Assert.Equal(inPath["value"]!.ToJsonString(), inQuery["value"]!.ToJsonString());
        foreach (var row in rows)
        {
            Assert.Equal(shop.RefKey.ToString(), row!["Склад_Key"].Str());
            var item = Guid.Parse(row["Номенклатура_Key"].Str());
            Assert.Equal(expected[item].OnHand, row["ВНаличииBalance"]!.GetValue<decimal>());
            Assert.Equal(expected[item].ToShip, row["КОтгрузкеBalance"]!.GetValue<decimal>());
        }
    }

    [Fact]
    public async Task dimensions_aggregate_balances_over_the_dimensions_left_out()
    {
        await using var sim = await Sim.StartAsync();
        var catalogue = sim.Server.State.Catalogue;

        var body = await (await sim.OneC().GetAsync($"{Balance}(Dimensions='Номенклатура')?$format=json")).JsonAsync();

        foreach (var row in body["value"]!.AsArray())
        {
            Assert.Null(row!["Склад_Key"]);
            var item = Guid.Parse(row["Номенклатура_Key"].Str());
            Assert.Equal(catalogue.Balances.Where(b => b.ItemKey == item).Sum(b => b.Quantity), row["ВНаличииBalance"]!.GetValue<decimal>());
        }
    }

    [Fact]
    public async Task the_balance_table_omits_zero_rows_and_keeps_negative_ones()
    {
        await using var sim = await Sim.StartAsync(o => o.ItemCount = 300);

        var body = await (await sim.OneC().GetAsync($"{Balance}?$format=json")).JsonAsync();

        var quantities = body["value"]!.AsArray().Select(r => r!["ВНаличииBalance"]!.GetValue<decimal>()).ToList();
        Assert.Equal(sim.Server.State.Catalogue.Balances.Count, quantities.Count);
        Assert.DoesNotContain(0m, quantities);
        Assert.Contains(quantities, q => q < 0);
    }

    [Fact]
    public async Task a_condition_may_name_the_dimension_without_key_and_use_cast()
    {
        await using var sim = await Sim.StartAsync();
        var donor = sim.Server.State.Catalogue.Warehouse("Бестужевых");
        var condition = $"Склад eq cast(guid'{donor.RefKey}', 'Catalog_Склады')";

        var body = await (await sim.OneC().GetAsync($"{Balance}?{OneCPaths.Query(("$format", "json"), ("Condition", condition))}")).JsonAsync();

        var rows = body["value"]!.AsArray();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal(donor.RefKey.ToString(), r!["Склад_Key"].Str()));
    }

    [Fact]
    public async Task an_unknown_dimension_is_refused_with_an_odata_error()
    {
        await using var sim = await Sim.StartAsync();

        var response = await sim.OneC().GetAsync($"{Balance}(Dimensions='Организация')?$format=json");

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.IsType<JsonObject>((await response.JsonAsync())["odata.error"]);
    }
}
