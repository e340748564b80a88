namespace Hub.Contracts.Replenishment;

/// <summary>
/// Replenishment asks the Outbox to create a "Заказ на перемещение" in 1C. <see cref="OrderId"/> is the
/// message's identity: it is planned with the run, survives retries and replays, and is the marker
/// (<c>hub:&lt;OrderId&gt;</c>) looked up in 1C before anything is created.
/// </summary>
public sealed record SendTransferOrder(
    Guid OrderId,
    Guid RunId,
    Guid DonorKey,
    string DonorName,
    Guid RecipientKey,
    string RecipientName,
    IReadOnlyList<OrderLine> Lines,
    DateTimeOffset? PlannedAt = null);

/// <summary>
/// Replenishment asks the Outbox to create a "Заказ покупателя" in МойСклад for what no donor covers.
/// <see cref="OrderId"/> is sent as <c>syncId</c>, so a repeated create returns the first order.
/// </summary>
public sealed record SendCustomerOrder(
    Guid OrderId,
    Guid RunId,
    Guid RecipientKey,
    string RecipientName,
    IReadOnlyList<OrderLine> Lines);

/// <summary>
/// One line of an order: the 1C item (its Ref_Key is the МойСклад product's externalCode), its characteristic where it
/// has one (the characteristic's Ref_Key is the МойСклад variant's externalCode; empty otherwise) and a quantity in the item's unit.
/// </summary>
public sealed record OrderLine(Guid ItemKey, string ItemName, string? Unit, decimal Quantity, Guid CharacteristicKey = default, string? CharacteristicName = null);

public enum DeliveryState
{
    /// <summary>Planned and in the outbox, not attempted yet.</summary>
    Queued,
    /// <summary>An attempt failed with a transient error; Wolverine retries it later.</summary>
    Retrying,
    /// <summary>Created in the external system.</summary>
    Sent,
    /// <summary>Failed for good and parked in the dead letters, waiting for an operator.</summary>
    Parked,
    /// <summary>Taken out of the dead letters by an operator to be tried again.</summary>
    Replayed,
    /// <summary>Dropped from the dead letters by an operator.</summary>
    Discarded,
}

/// <summary>
/// The Outbox tells Replenishment that an order of this run changed state, in the transaction of the event that says so.
/// Replenishment ends the run when none of its orders is open any more, and reopens it when a parked order is replayed.
/// </summary>
public sealed record OrderDeliveryChanged(Guid RunId, Guid OrderId, DeliveryState State, DateTimeOffset At);
