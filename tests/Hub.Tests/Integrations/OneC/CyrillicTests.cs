using Hub.Integrations.OneC;
using Hub.Tests.Infrastructure;

namespace Hub.Tests.Integrations.OneC;

/// <summary>1C names its entity sets, fields and values in Cyrillic; URLs are built by hand and must survive the trip.</summary>
public sealed class CyrillicTests
{
    [Fact]
    public async Task a_warehouse_is_found_by_its_cyrillic_name_through_a_filter()
    {
        await using var h = await ClientHarness.StartAsync();
        var expected = h.Sim.State.Catalogue.Warehouse("Магазин Невский");

        var found = await h.OneC.FindWarehouseAsync("Магазин Невский", CancellationToken.None);

        Assert.Equal(new OneCWarehouse(expected.RefKey, "Магазин Невский"), found);
        var request = Assert.Single(h.Sim.State.Requests.OneC.Log);
        Assert.Equal("/odata/standard.odata/Catalog_Склады", request.Path);
        Assert.Contains("$filter=Description eq 'Магазин Невский'", Uri.UnescapeDataString(request.Query));
    }

    [Fact]
    public async Task a_quote_in_a_filter_value_is_doubled_so_the_server_reads_one_literal()
    {
        await using var h = await ClientHarness.StartAsync();

        // Undoubled, the quote would end the literal early and the server would answer 400.
        var found = await h.OneC.FindWarehouseAsync("Склад \"Д'Артаньян\" & сыновья", CancellationToken.None);

        Assert.Null(found);
        Assert.Equal(200, Assert.Single(h.Sim.State.Requests.OneC.Log).Status);
    }

    [Fact]
    public async Task a_marker_with_cyrillic_and_a_quote_round_trips_through_create_and_lookup()
    {
        await using var h = await ClientHarness.StartAsync();
        var order = TransferOrders.Request(h, "hub:Заказ 'Невский' №7 + 50%");

        var created = await h.OneC.CreateTransferOrderAsync(order, CancellationToken.None);
        var again = await h.OneC.CreateTransferOrderAsync(order, CancellationToken.None);

        var document = Assert.Single(h.Sim.State.TransferOrders);
        Assert.Equal("hub:Заказ 'Невский' №7 + 50%", document.Comment);
        Assert.True(document.Posted);
        Assert.Equal(TransferOrderOutcome.Created, created.Outcome);
        Assert.Equal(new TransferOrderResult(document.RefKey, document.Number, TransferOrderOutcome.AlreadyExisted), again);
    }

    [Fact]
    public async Task items_and_balances_come_back_with_their_cyrillic_names_and_keys()
    {
        await using var h = await ClientHarness.StartAsync();
        var catalogue = h.Sim.State.Catalogue;

        var items = await h.OneC.GetItemsAsync(CancellationToken.None);
        var balances = await h.OneC.GetBalancesAsync(CancellationToken.None);

        // Items in use only: the groups and the copies marked for deletion that 1C also lists are left out.
        Assert.Equal(catalogue.Items.Select(i => (i.RefKey, i.Name, i.Article)).Order(), items.Select(i => (i.Key, i.Name, i.Article!)).Order());
        Assert.Equal(catalogue.Balances.Select(b => (b.WarehouseKey, b.ItemKey, b.CharacteristicKey, b.Quantity, b.ToShip)).Order(),
            balances.Select(b => (b.WarehouseKey, b.ItemKey, b.CharacteristicKey, b.OnHand, b.ToShip)).Order());
    }

    [Fact]
    public async Task balance_parameters_work_in_the_query_as_well_as_in_parentheses()
    {
        await using var h = await ClientHarness.StartAsync(settings: s => s["OneC:BalanceParametersInQuery"] = "true");

        var balances = await h.OneC.GetBalancesAsync(CancellationToken.None);

        Assert.Equal(h.Sim.State.Catalogue.Balances.Count, balances.Count);
        Assert.Equal("/odata/standard.odata/AccumulationRegister_ТоварыНаСкладах/Balance", Assert.Single(h.Sim.State.Requests.OneC.Log).Path);
    }
}
