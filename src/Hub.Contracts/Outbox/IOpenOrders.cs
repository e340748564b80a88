using Hub.Contracts.Replenishment;

namespace Hub.Contracts.Outbox;

/// <summary>
/// One line of an order the hub planned and has not delivered: queued, retrying, replayed, or parked until an operator
/// discards it. Neither 1C nor МойСклад knows it yet, so only the hub can count it as on its way (and, for a transfer, as
/// taken from its donor).
/// </summary>
public sealed record OpenOrderLine(Guid OrderId, OrderKind Kind, DeliveryState State, Guid RecipientKey, Guid? DonorKey, Guid ItemKey,
    Guid CharacteristicKey, decimal Quantity);

/// <summary>The Outbox's orders not delivered yet, read by Replenishment when it plans.</summary>
public interface IOpenOrders
{
    Task<IReadOnlyList<OpenOrderLine>> LinesAsync(CancellationToken ct);
}
