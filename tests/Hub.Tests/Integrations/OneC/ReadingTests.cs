using Hub.Tests.Infrastructure;

namespace Hub.Tests.Integrations.OneC;

/// <summary>
/// How the client reads a real base: only the fields it uses, without groups and objects marked for deletion, in pages
/// on a stable order, norms from ТоварныеОграничения's min/max item rows, balances per characteristic with КОтгрузке.
/// </summary>
public sealed class ReadingTests
{
    [Fact]
    public async Task a_catalogue_of_100000_items_is_read_in_pages_of_selected_fields_on_a_stable_order()
    {
        await using var h = await ClientHarness.StartAsync(o => o.ItemCount = 100_000);

        var items = await h.OneC.GetItemsAsync(CancellationToken.None);

        Assert.Equal(100_000, items.Count);
        Assert.Equal(100_000, items.Select(i => i.Key).Distinct().Count());
        var pages = h.Sim.State.Requests.OneC.Log.Where(e => e.Path.EndsWith("Catalog_Номенклатура")).ToList();
        // 100,000 items and the deleted copies beside them, a thousand a page: never one answer of everything.
        Assert.True(pages.Count >= 101, $"{pages.Count} requests");
        Assert.All(pages.Select(p => p with { Query = Uri.UnescapeDataString(p.Query) }), p =>
        {
            Assert.Contains("$top=1000", p.Query);
            Assert.Contains("$orderby=Ref_Key", p.Query);
            Assert.Contains("$select=Ref_Key,Description,Артикул,ЕдиницаИзмерения_Key,ИспользованиеХарактеристик", p.Query);
            Assert.Contains("DeletionMark eq false and IsFolder eq false", p.Query);
        });
        Assert.Equal(Enumerable.Range(0, pages.Count).Select(i => $"$skip={i * 1000}"), pages.Select(p => p.Query.Split('&').Single(q => q.StartsWith("$skip="))));
    }

    [Fact]
    public async Task groups_and_warehouses_marked_for_deletion_are_left_out()
    {
        await using var h = await ClientHarness.StartAsync();

        var warehouses = await h.OneC.GetWarehousesAsync(CancellationToken.None);
        var donor = await h.OneC.FindWarehouseAsync("Бестужевых", CancellationToken.None);

        Assert.Equal(h.Sim.State.Catalogue.Stores.Select(w => w.RefKey).Order(), warehouses.Select(w => w.Key).Order());
        Assert.Equal(h.Sim.State.Catalogue.Warehouse("Бестужевых").RefKey, donor!.Key);
    }

    [Fact]
    public async Task norms_are_the_min_max_item_rows_of_the_goods_limits_register_per_characteristic()
    {
        await using var h = await ClientHarness.StartAsync();
        var catalogue = h.Sim.State.Catalogue;

        var levels = await h.OneC.GetMinimumLevelsAsync(CancellationToken.None);

        var expected = catalogue.Norms.Where(n => n.IsItemNorm).Select(n => (n.WarehouseKey, n.ItemKey, n.CharacteristicKey, n.Minimum, (decimal?)n.Maximum)).Order();
        Assert.Equal(expected, levels.Select(l => (l.WarehouseKey, l.ItemKey, l.CharacteristicKey, l.Minimum, l.Maximum)).Order());
        Assert.Contains(levels, l => l.CharacteristicKey != Guid.Empty);
        var request = Assert.Single(h.Sim.State.Requests.OneC.Log);
        Assert.Equal("/odata/standard.odata/InformationRegister_ТоварныеОграничения", request.Path);
    }

    [Fact]
    public async Task a_balance_row_carries_its_characteristic_and_what_is_promised_to_shipments()
    {
        await using var h = await ClientHarness.StartAsync();
        var catalogue = h.Sim.State.Catalogue;

        var balances = await h.OneC.GetBalancesAsync(CancellationToken.None);

        var promised = catalogue.Balances.First(b => b.ToShip > 0);
        var row = Assert.Single(balances, b => b.WarehouseKey == promised.WarehouseKey && b.ItemKey == promised.ItemKey && b.CharacteristicKey == promised.CharacteristicKey);
        Assert.Equal(promised.Quantity - promised.ToShip, row.Free);
        Assert.Contains(balances, b => b.CharacteristicKey != Guid.Empty);
        Assert.Contains("Dimensions='Номенклатура,Характеристика,Склад'", Assert.Single(h.Sim.State.Requests.OneC.Log).Path);
    }

    [Fact]
    public async Task the_balance_period_is_the_1c_servers_local_time_in_the_configured_zone()
    {
        await using var h = await ClientHarness.StartAsync(settings: s => s["OneC:ServerTimeZone"] = "Asia/Vladivostok");
        var before = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Vladivostok")).DateTime;

        await h.OneC.GetBalancesAsync(CancellationToken.None);

        var path = Assert.Single(h.Sim.State.Requests.OneC.Log).Path;
        var period = DateTime.Parse(System.Text.RegularExpressions.Regex.Match(path, @"Period=datetime'([^']+)'").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(period, before.AddSeconds(-1), before.AddMinutes(1));
    }

    [Fact]
    public async Task a_run_for_one_shop_reads_only_its_balances_and_the_donors()
    {
        await using var h = await ClientHarness.StartAsync();
        var catalogue = h.Sim.State.Catalogue;
        var keys = new[] { catalogue.Warehouse("Магазин Купчино").RefKey, catalogue.Warehouse("Бестужевых").RefKey };

        var balances = await h.OneC.GetBalancesAsync(keys, CancellationToken.None);

        Assert.NotEmpty(balances);
        Assert.All(balances, b => Assert.Contains(b.WarehouseKey, keys));
    }
}
