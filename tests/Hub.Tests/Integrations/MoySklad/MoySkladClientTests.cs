using Hub.Integrations.MoySklad;
using Hub.Tests.Infrastructure;

namespace Hub.Tests.Integrations.MoySklad;

/// <summary>The МойСклад client as the hub registers it, against the simulator over real HTTP.</summary>
public sealed class MoySkladClientTests : IAsyncLifetime
{
    private ClientHarness _h = null!;

    public async Task InitializeAsync() => _h = await ClientHarness.StartAsync();
    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task organization_counterparty_and_store_are_looked_up_once_per_process_not_once_per_order()
    {
        var product = (await _h.MoySklad.GetProductsAsync(null, CancellationToken.None)).First();
        var before = _h.Sim.State.Requests.MoySklad.Total;

        // A typed client is a new instance for every resolution, as each outbox message would get.
        for (var i = 0; i < 3; i++)
            await _h.MoySklad.CreateCustomerOrderAsync(new CustomerOrderRequest(Guid.NewGuid(), $"hub-{i}", "test", [new CustomerOrderLine(product.Ref, 2)]), CancellationToken.None);

        Assert.Equal(3, _h.Sim.State.CustomerOrders.Count);
        Assert.Equal(3 + 3, _h.Sim.State.Requests.MoySklad.Total - before);
        Assert.Equal(3, _h.Logs.Entries.Count(e => e.Action == "create_customer_order"));
    }

    [Fact]
    public async Task a_customer_order_carries_the_resolved_references_its_lines_and_the_sync_id()
    {
        var products = await _h.MoySklad.GetProductsAsync(null, CancellationToken.None);
        var syncId = Guid.NewGuid();

        var created = await _h.MoySklad.CreateCustomerOrderAsync(new CustomerOrderRequest(syncId, "hub-run-1", "Дефицит: Магазин Невский",
            [new CustomerOrderLine(products[0].Ref, 3, 150_00), new CustomerOrderLine(products[1].Ref, 1.5m)]), CancellationToken.None);

        var order = Assert.Single(_h.Sim.State.CustomerOrders);
        var catalogue = _h.Sim.State.Catalogue;
        Assert.Equal(order.Id.ToString(), created.Id);
        Assert.Equal(syncId, order.SyncId);
        Assert.Equal("hub-run-1", order.ExternalCode);
        Assert.Equal("Дефицит: Магазин Невский", order.Description);
        Assert.Equal(catalogue.MoySkladOrganization.Id, order.OrganizationId);
        Assert.Equal(catalogue.MoySkladCounterparty.Id, order.AgentId);
        Assert.Equal(catalogue.Warehouse("Бестужевых").StoreId, order.StoreId);
        Assert.Equal([(Guid.Parse(products[0].Ref.Id), 3m, 15000m), (Guid.Parse(products[1].Ref.Id), 1.5m, 0m)],
            order.Positions.Select(p => (p.AssortmentId, p.Quantity, p.Price)).ToArray());
    }
}
