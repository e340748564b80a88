using Hub.Contracts.Replenishment;

namespace Hub.Contracts.Outbox;

/// <summary>
/// One line of an order the hub planned and that has not arrived: queued, retrying, replayed, or parked until an operator
/// discards it (neither 1C nor МойСклад knows it yet, so only the hub can count it as on its way and, for a transfer, as
/// taken from its donor); or a customer order sent to МойСклад (<see cref="ExternalId"/>) not found shipped in full yet.
/// </summary>
public sealed record OpenOrderLine(Guid OrderId, OrderKind Kind, DeliveryState State, Guid RecipientKey, Guid? DonorKey, Guid ItemKey,
    Guid CharacteristicKey, decimal Quantity)
{
    public Guid RunId { get; init; }
    public string? ExternalId { get; init; }
    public string? ExternalNumber { get; init; }
}

/// <summary>The Outbox's orders not delivered yet, read by Replenishment when it plans.</summary>
public interface IOpenOrders
{
    Task<IReadOnlyList<OpenOrderLine>> LinesAsync(CancellationToken ct);
}
