namespace Hub.Contracts.Replenishment;

/// <summary>
/// What happened to one order, as an event on the order's own stream (the stream id is the order id). Replenishment
/// starts the stream with <see cref="OrderQueued"/> in the transaction that plans the run; the Outbox appends the rest in
/// the transaction of the attempt or the operator's action. One stream per order: thousands of orders of one run are
/// delivered at once and never wait on each other, and the run's own stream holds only the run's events.
/// </summary>
public interface IOrderEvent
{
    Guid OrderId { get; }
    Guid RunId { get; }
    string ExternalSystem { get; }
    DateTimeOffset At { get; }
}

/// <summary>Planned and handed to the outbox: everything the order will send, lines included.</summary>
/// <remarks><see cref="Description"/> is set only for an order recorded before orders had streams, whose lines were not kept.</remarks>
public sealed record OrderQueued(Guid OrderId, Guid RunId, OrderKind Kind, Guid? DonorKey, string? DonorName, Guid RecipientKey,
    string RecipientName, IReadOnlyList<PlannedLine> Lines, DateTimeOffset At, string? Description = null) : IOrderEvent
{
    public string ExternalSystem => Kind == OrderKind.Transfer ? "1c" : "moysklad";
}

/// <summary>An attempt failed transiently; Wolverine tries again at <see cref="NextAttemptAt"/>.</summary>
public sealed record OrderRetrying(Guid OrderId, Guid RunId, string ExternalSystem, int Attempt, Guid? EnvelopeId, string ExceptionType, string Reason,
    DateTimeOffset NextAttemptAt, DateTimeOffset At) : IOrderEvent;

/// <summary>An attempt created the document (or found the one an earlier attempt created, see <see cref="Note"/>).</summary>
public sealed record OrderSent(Guid OrderId, Guid RunId, string ExternalSystem, int Attempt, Guid? EnvelopeId, string ExternalId, string? ExternalNumber, string? Note,
    DateTimeOffset At) : IOrderEvent;

/// <summary>An attempt failed for good: the message is parked in Wolverine's dead letters and waits for an operator.</summary>
public sealed record OrderDeadLettered(Guid OrderId, Guid RunId, string ExternalSystem, int Attempt, Guid? EnvelopeId, string ExceptionType, string Reason,
    DateTimeOffset At) : IOrderEvent;

/// <summary>An operator took a parked order out of the dead letters to be tried again.</summary>
public sealed record OrderReplayed(Guid OrderId, Guid RunId, string ExternalSystem, string By, DateTimeOffset At) : IOrderEvent;

/// <summary>
/// A plan found a sent customer order shipped in full by the seller (or gone from МойСклад): nothing of it is on its way
/// any more, so no later plan counts it or asks МойСклад about it again.
/// </summary>
public sealed record OrderShipped(Guid OrderId, Guid RunId, string ExternalSystem, string Note, DateTimeOffset At) : IOrderEvent;

/// <summary>An operator dropped a parked order.</summary>
public sealed record OrderDiscarded(Guid OrderId, Guid RunId, string ExternalSystem, string By, DateTimeOffset At) : IOrderEvent;

/// <summary>An operator asked for a retrying order's next attempt now instead of at its scheduled time.</summary>
public sealed record OrderBroughtForward(Guid OrderId, Guid RunId, string ExternalSystem, string By, DateTimeOffset At) : IOrderEvent;

/// <summary>An operator called off a retrying order: its scheduled attempt is gone and it is never sent.</summary>
public sealed record OrderCancelled(Guid OrderId, Guid RunId, string ExternalSystem, string By, DateTimeOffset At) : IOrderEvent;

/// <summary>What an operator did to an order, as its reason keeps it: replayed or discarded when parked, sent now or cancelled while retrying.</summary>
public enum OrderActKind
{
    Replayed,
    Discarded,
    SentNow,
    Cancelled,
}

/// <summary>One operator's act on an order and who did it.</summary>
public sealed record OrderAct(OrderActKind Kind, string By);

/// <summary>
/// An order's reason in parts, so a page can say it in its reader's language: the operators' acts, latest first, and the
/// failure they followed, in the external system's own words (empty when there was none). The reason's English text stays
/// what the API shows.
/// </summary>
public sealed record OrderReason(IReadOnlyList<OrderAct> Acts, string Cause);
