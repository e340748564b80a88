using System.Text.Json.Nodes;
using Hub.Simulators.Tests.Infrastructure;

namespace Hub.Simulators.Tests.MoySklad;

public sealed class StockReportTests
{
    [Fact]
    public async Task stock_by_store_lists_every_store_for_each_product_with_the_1c_balances()
    {
        await using var sim = await Sim.StartAsync();
        var catalogue = sim.Server.State.Catalogue;

        var report = await (await sim.MoySkladBearer().GetAsync("report/stock/bystore?limit=1000")).JsonAsync();

        var rows = report["rows"]!.AsArray();
        Assert.NotEmpty(rows);
        foreach (var row in rows)
        {
            var productId = Guid.Parse(row!["meta"]!["href"].Str().Split('/')[^1]);
            var item = catalogue.FindProduct(productId)!;
            var byStore = row["stockByStore"]!.AsArray();
            Assert.Equal(5, byStore.Count);
            foreach (var cell in byStore)
            {
                var warehouse = catalogue.Warehouse(cell!["name"].Str());
                Assert.Equal(catalogue.BalanceOf(warehouse.RefKey, item.RefKey), cell["stock"]!.GetValue<decimal>());
                Assert.EndsWith(warehouse.StoreId.ToString(), cell["meta"]!["href"].Str());
            }
        }
    }

    [Fact]
    public async Task stock_by_store_can_be_limited_to_one_store()
    {
        await using var sim = await Sim.StartAsync();
        var client = sim.MoySkladBearer();
        var storeHref = (await (await client.GetAsync($"entity/store?filter={Uri.EscapeDataString("name=Контейнер")}")).JsonAsync())["rows"]![0]!["meta"]!["href"].Str();

        var report = await (await client.GetAsync($"report/stock/bystore?filter={Uri.EscapeDataString($"store={storeHref}")}")).JsonAsync();

        Assert.All(report["rows"]!.AsArray(), row => Assert.Equal("Контейнер", Assert.Single(row!["stockByStore"]!.AsArray())!["name"].Str()));
    }

    [Fact]
    public async Task current_stock_by_store_lists_the_non_zero_balances()
    {
        await using var sim = await Sim.StartAsync();
        var catalogue = sim.Server.State.Catalogue;

        var rows = (await (await sim.MoySkladBearer().GetAsync("report/stock/bystore/current")).JsonAsync()).AsArray();

        // One row per store and product: characteristics add up, and a warehouse marked for deletion in 1C is no store.
        var expected = catalogue.Balances.Where(b => catalogue.FindStore(catalogue.FindWarehouse(b.WarehouseKey)!.StoreId) is not null)
            .GroupBy(b => (b.WarehouseKey, b.ItemKey)).Count(g => g.Sum(b => b.Quantity) != 0);
        Assert.Equal(expected, rows.Count);
        foreach (var row in rows)
        {
            var item = catalogue.FindProduct(Guid.Parse(row!["assortmentId"].Str()))!;
            var warehouse = catalogue.FindStore(Guid.Parse(row["storeId"].Str()))!;
            Assert.Equal(catalogue.BalanceOf(warehouse.RefKey, item.RefKey), row["stock"]!.GetValue<decimal>());
        }
    }

    [Fact]
    public async Task current_stock_over_all_stores_carries_stock_and_free_stock()
    {
        await using var sim = await Sim.StartAsync();
        var catalogue = sim.Server.State.Catalogue;
        var item = catalogue.Items.First(i => catalogue.Stores.Sum(w => catalogue.BalanceOf(w.RefKey, i.RefKey)) != 0);

        var rows = (await (await sim.MoySkladBearer().GetAsync($"report/stock/all/current?filter=assortmentId={item.ProductId}")).JsonAsync()).AsArray();

        var row = Assert.Single(rows)!.AsObject();
        var expected = catalogue.Stores.Sum(w => catalogue.BalanceOf(w.RefKey, item.RefKey));
        Assert.Equal(expected, row["stock"]!.GetValue<decimal>());
        Assert.Equal(expected, row["freeStock"]!.GetValue<decimal>());
    }
}
