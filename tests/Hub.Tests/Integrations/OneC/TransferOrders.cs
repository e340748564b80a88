using Hub.Integrations.OneC;
using Hub.Tests.Infrastructure;

namespace Hub.Tests.Integrations.OneC;

/// <summary>A transfer order from the first donor to the first shop, two lines, as a replenishment run would send.</summary>
internal static class TransferOrders
{
    public static TransferOrderRequest Request(ClientHarness h, string marker, decimal quantity = 4)
    {
        var catalogue = h.Sim.State.Catalogue;
        return new TransferOrderRequest(marker, DateTimeOffset.UtcNow,
            catalogue.Warehouse("Бестужевых").RefKey, catalogue.Warehouse("Магазин Невский").RefKey,
            [new TransferOrderLine(catalogue.Items[0].RefKey, quantity), new TransferOrderLine(catalogue.Items[1].RefKey, 2.5m)]);
    }
}
