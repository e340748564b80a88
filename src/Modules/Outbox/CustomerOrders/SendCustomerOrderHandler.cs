using Hub.Contracts.Replenishment;
using Hub.Integrations.MoySklad;
using Hub.Outbox.Deliveries;
using Marten;
using Wolverine;

namespace Hub.Outbox.CustomerOrders;

/// <summary>Creates one "Заказ покупателя" in МойСклад with the order id as syncId, so a repeat returns the first order.</summary>
public static class SendCustomerOrderHandler
{
    public static Task<Delivery?> LoadAsync(SendCustomerOrder message, IDocumentSession session, CancellationToken ct) =>
        session.LoadAsync<Delivery>(message.OrderId, ct);

    public static async Task<(OrderDeliveryChanged, AppendOrderEvents)> Handle(SendCustomerOrder message, Delivery? delivery,
        Envelope envelope, MoySkladClient moySklad, TimeProvider clock, CancellationToken ct)
    {
        using var scope = DeliveryRecords.Scope(message, envelope);
        // The 1C item key is the product's externalCode in МойСклад, a characteristic's key its variant's.
        var products = await moySklad.ResolveAssortmentAsync(message.Lines
            .Select(l => (l.ItemKey.ToString(), l.CharacteristicKey == Guid.Empty ? null : l.CharacteristicKey.ToString())).ToArray(), ct);
        var request = new CustomerOrderRequest(message.OrderId, $"hub:{message.OrderId}",
            $"Integration Hub: replenishment of {message.RecipientName}, run {message.RunId}",
            message.Lines.Zip(products, (line, product) => new CustomerOrderLine(product.Ref, line.Quantity)).ToArray());
        var created = await moySklad.CreateCustomerOrderAsync(request, ct);

        var now = clock.GetUtcNow();
        var sent = new OrderSent(message.OrderId, message.RunId, "moysklad", envelope.Attempts, envelope.Id, created.Id, created.Name, null, now);
        return (new OrderDeliveryChanged(message.RunId, message.OrderId, DeliveryState.Sent, now), DeliveryRecords.Outcome(delivery is not null, message, sent));
    }
}
