using Hub.Integrations.OneC;
using Hub.Tests.Infrastructure;

namespace Hub.Tests.Integrations.OneC;

/// <summary>
/// A transfer order from the first donor to the first shop, as a replenishment run would send: an item without
/// characteristics, and an item kept by characteristic with one of its own.
/// </summary>
internal static class TransferOrders
{
    public static TransferOrderRequest Request(ClientHarness h, string marker, decimal quantity = 4)
    {
        var catalogue = h.Sim.State.Catalogue;
        var plain = catalogue.Items.First(i => !i.UsesCharacteristics);
        var varied = catalogue.Items.First(i => i.UsesCharacteristics);
        return new TransferOrderRequest(marker, DateTimeOffset.UtcNow,
            catalogue.Warehouse("Бестужевых").RefKey, catalogue.Warehouse("Магазин Невский").RefKey,
            [new TransferOrderLine(plain.RefKey, quantity), new TransferOrderLine(varied.RefKey, 2.5m, varied.Variants[0].RefKey)]);
    }
}
