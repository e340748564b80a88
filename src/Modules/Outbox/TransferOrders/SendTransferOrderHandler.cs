using Hub.Contracts.Replenishment;
using Hub.Integrations.OneC;
using Hub.Outbox.Deliveries;
using Marten;
using Wolverine;
using Wolverine.Marten;

namespace Hub.Outbox.TransferOrders;

/// <summary>Creates one "Заказ на перемещение" in 1C; the marker lookup inside the client makes a repeat find the first one.</summary>
public static class SendTransferOrderHandler
{
    public static Task<Delivery?> LoadAsync(SendTransferOrder message, IDocumentSession session, CancellationToken ct) =>
        session.LoadAsync<Delivery>(message.OrderId, ct);

    public static async Task<(OrderDeliveryChanged, IMartenOp)> Handle(SendTransferOrder message, Delivery? delivery,
        Envelope envelope, OneCClient oneC, TimeProvider clock, CancellationToken ct)
    {
        using var scope = DeliveryRecords.Scope(message, envelope);
        // A message planned before PlannedAt existed falls back to a week back for the marker lookup.
        var request = new TransferOrderRequest($"hub:{message.OrderId}", clock.GetUtcNow(), message.DonorKey, message.RecipientKey,
            message.Lines.Select(l => new TransferOrderLine(l.ItemKey, l.Quantity, l.CharacteristicKey)).ToArray(),
            message.PlannedAt ?? clock.GetUtcNow().AddDays(-7));
        var created = await oneC.CreateTransferOrderAsync(request, ct);

        var sent = DeliveryRecords.Attempted(delivery, message, envelope, DeliveryState.Sent, clock.GetUtcNow());
        sent.ExternalId = created.RefKey.ToString();
        sent.ExternalNumber = created.Number;
        sent.Reason = created.Outcome == TransferOrderOutcome.Created ? null : $"found by its marker in 1C ({created.Outcome})";
        return (sent.ToChange(), MartenOps.Store(sent));
    }
}
