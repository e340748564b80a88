using Hub.Simulators.Tests.Infrastructure;

namespace Hub.Simulators.Tests.OneC;

/// <summary>The catalogues come back as a real base keeps them: groups, objects marked for deletion, units as references, characteristics.</summary>
public sealed class CatalogueReadTests
{
    private static Task<List<System.Text.Json.Nodes.JsonNode>> ReadAsync(Sim sim, string set, params (string, string)[] query) =>
        ReadPathAsync(sim, OneCPaths.Encode(set), query);

    private static async Task<List<System.Text.Json.Nodes.JsonNode>> ReadPathAsync(Sim sim, string path, params (string, string)[] query) =>
        (await (await sim.OneC().GetAsync($"{path}?{OneCPaths.Query([("$format", "json"), .. query])}")).JsonAsync())["value"]!
        .AsArray().Select(n => n!).ToList();

    [Fact]
    public async Task warehouses_include_groups_and_a_deleted_duplicate_of_a_donor_unless_filtered()
    {
        await using var sim = await Sim.StartAsync();

        var all = await ReadAsync(sim, OneCPaths.Warehouses, ("$select", "Ref_Key,Description,IsFolder,DeletionMark"));
        var inUse = await ReadAsync(sim, OneCPaths.Warehouses, ("$filter", "DeletionMark eq false and IsFolder eq false"), ("$select", "Ref_Key,Description"));

        Assert.Equal(2, all.Count(w => w["DeletionMark"]!.GetValue<bool>() || w["IsFolder"]!.GetValue<bool>()) - 1);
        Assert.Equal(2, all.Count(w => w["Description"].Str() == "Бестужевых"));
        Assert.Single(all, w => w["Description"].Str() == "Бестужевых" && w["DeletionMark"]!.GetValue<bool>());
        Assert.Equal(["Бестужевых", "Контейнер", "Магазин Невский", "Магазин Московский", "Магазин Купчино"], inUse.Select(w => w["Description"].Str()));
    }

    [Fact]
    public async Task an_items_unit_is_a_reference_to_the_units_catalogue()
    {
        await using var sim = await Sim.StartAsync();

        var items = await ReadAsync(sim, OneCPaths.Items, ("$filter", "IsFolder eq false"), ("$select", "Ref_Key,ЕдиницаИзмерения_Key"));
        var units = (await ReadAsync(sim, OneCPaths.Units, ("$select", "Ref_Key,Description"))).ToDictionary(u => u["Ref_Key"].Str(), u => u["Description"].Str());

        Assert.All(items, i => Assert.Contains(units[i["ЕдиницаИзмерения_Key"].Str()], new[] { "шт", "м", "кг" }));
    }

    [Fact]
    public async Task an_item_kept_by_characteristic_says_so_and_its_characteristics_are_owned_by_it()
    {
        await using var sim = await Sim.StartAsync();
        var item = sim.Server.State.Catalogue.Items.First(i => i.UsesCharacteristics);

        var row = Assert.Single(await ReadAsync(sim, OneCPaths.Items, ("$filter", $"Ref_Key eq guid'{item.RefKey}'"), ("$select", "ИспользованиеХарактеристик")));
        var owned = await ReadAsync(sim, OneCPaths.Characteristics, ("$filter", $"Owner eq guid'{item.RefKey}'"), ("$select", "Ref_Key,Description"));

        Assert.Equal("ИндивидуальныеДляНоменклатуры", row["ИспользованиеХарактеристик"].Str());
        Assert.Equal(item.Variants.Select(v => v.Name).Order(), owned.Select(c => c["Description"].Str()).Order());
    }

    [Fact]
    public async Task the_norms_register_holds_grouping_rows_and_other_methods_beside_the_min_max_norms()
    {
        await using var sim = await Sim.StartAsync();

        var norms = await ReadAsync(sim, OneCPaths.Norms, ("$select", "Номенклатура_Key,МетодОбеспеченияПотребностей,ЭтоГруппировка"));

        Assert.Contains(norms, n => n["ЭтоГруппировка"]!.GetValue<bool>() && n["Номенклатура_Key"].Str() == Guid.Empty.ToString());
        Assert.Contains(norms, n => n["МетодОбеспеченияПотребностей"].Str() == "ЗаказПодЗаказ");
        Assert.Contains(norms, n => n["МетодОбеспеченияПотребностей"].Str() == "ПоддержаниеЗапасаМинМакс" && !n["ЭтоГруппировка"]!.GetValue<bool>());
    }

    [Fact]
    public async Task balances_by_characteristic_carry_what_is_promised_to_shipments()
    {
        await using var sim = await Sim.StartAsync();
        var catalogue = sim.Server.State.Catalogue;
        var promised = catalogue.Balances.First(b => b.ToShip > 0);

        var rows = await ReadPathAsync(sim, $"{OneCPaths.Encode(OneCPaths.Register)}/Balance{Uri.EscapeDataString("(Dimensions='Номенклатура,Характеристика,Склад')")}",
            ("$filter", $"Склад_Key eq guid'{promised.WarehouseKey}' and Номенклатура_Key eq guid'{promised.ItemKey}'"));

        var row = Assert.Single(rows, r => r["Характеристика_Key"].Str() == promised.CharacteristicKey.ToString());
        Assert.Equal(promised.Quantity, row["ВНаличииBalance"]!.GetValue<decimal>());
        Assert.Equal(promised.ToShip, row["КОтгрузкеBalance"]!.GetValue<decimal>());
    }
}
