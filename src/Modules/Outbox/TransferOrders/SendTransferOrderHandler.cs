using Hub.Contracts.Replenishment;
using Hub.Integrations.OneC;
using Hub.Outbox.Deliveries;
using Marten;
using Wolverine;

namespace Hub.Outbox.TransferOrders;

/// <summary>Creates one "Заказ на перемещение" in 1C; the marker lookup inside the client makes a repeat find the first one.</summary>
public static class SendTransferOrderHandler
{
    public static Task<Delivery?> LoadAsync(SendTransferOrder message, IDocumentSession session, CancellationToken ct) =>
        session.LoadAsync<Delivery>(message.OrderId, ct);

    public static async Task<(OrderDeliveryChanged, AppendOrderEvents)> Handle(SendTransferOrder message, Delivery? delivery,
        Envelope envelope, OneCClient oneC, TimeProvider clock, CancellationToken ct)
    {
        using var scope = DeliveryRecords.Scope(message, envelope);
        // A message planned before PlannedAt existed falls back to a week back for the marker lookup.
        var request = new TransferOrderRequest($"hub:{message.OrderId}", clock.GetUtcNow(), message.DonorKey, message.RecipientKey,
            message.Lines.Select(l => new TransferOrderLine(l.ItemKey, l.Quantity, l.CharacteristicKey)).ToArray(),
            message.PlannedAt ?? clock.GetUtcNow().AddDays(-7));
        var created = await oneC.CreateTransferOrderAsync(request, ct);

        var now = clock.GetUtcNow();
        var sent = new OrderSent(message.OrderId, message.RunId, "1c", envelope.Attempts, envelope.Id, created.RefKey.ToString(), created.Number,
            created.Outcome == TransferOrderOutcome.Created ? null : $"found by its marker in 1C ({created.Outcome})", now);
        return (new OrderDeliveryChanged(message.RunId, message.OrderId, DeliveryState.Sent, now), DeliveryRecords.Outcome(delivery is not null, message, sent));
    }
}
