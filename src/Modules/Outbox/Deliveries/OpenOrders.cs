using Hub.Contracts.Outbox;
using Hub.Contracts.Replenishment;
using Marten;

namespace Hub.Outbox.Deliveries;

/// <summary>
/// The Outbox's side of <see cref="IOpenOrders"/>: every line of a delivery not sent and not discarded, and of the customer
/// orders sent to МойСклад and not found shipped, from the delivery view.
/// </summary>
public sealed class OpenOrders(IDocumentStore store) : IOpenOrders
{
    public async Task<IReadOnlyList<OpenOrderLine>> LinesAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession();
        // Two indexed reads, (state, updated_at, id) and the partial index of the orders awaiting shipment: the sent and
        // discarded orders, nearly all of them, are never read.
        var undelivered = await session.Query<Delivery>()
            .Where(d => d.State == DeliveryState.Queued || d.State == DeliveryState.Retrying || d.State == DeliveryState.Replayed || d.State == DeliveryState.Parked)
            .ToListAsync(ct);
        var awaiting = await session.Query<Delivery>().Where(d => d.AwaitingShipment).ToListAsync(ct);
        var open = undelivered.Concat(awaiting);
        return open.SelectMany(d => d.Lines.Select(l => new OpenOrderLine(d.Id, d.Kind, d.State, d.RecipientKey, d.DonorKey, l.ItemKey, l.CharacteristicKey, l.Quantity)
            {
                RunId = d.RunId, ExternalId = d.ExternalId, ExternalNumber = d.ExternalNumber,
            }))
            .ToArray();
    }
}
