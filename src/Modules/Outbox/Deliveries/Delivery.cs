using Hub.Contracts.Replenishment;
using Marten.Events.Aggregation;
using Marten.Schema;

namespace Hub.Outbox.Deliveries;

/// <summary>
/// The delivery view: one document per order, projected inline from the order's own stream. It is the one place an order's
/// state is written; the dead letters, the pending list, a run's page and a run's end read it. Dead letters are listed
/// from here, because Wolverine's own table cannot be filtered by run or keyset-paged; replay and discard still go through
/// Wolverine by <see cref="EnvelopeId"/>.
/// </summary>
public sealed class Delivery
{
    public Guid Id { get; set; }
    public Guid RunId { get; set; }
    public OrderKind Kind { get; set; }
    public string ExternalSystem { get; set; } = "";
    public string MessageType { get; set; } = "";
    public string Description { get; set; } = "";
    public Guid? DonorKey { get; set; }
    public string? DonorName { get; set; }
    public Guid RecipientKey { get; set; }
    public string RecipientName { get; set; } = "";
    public List<PlannedLine> Lines { get; set; } = [];
    public DeliveryState State { get; set; }
    public int Attempts { get; set; }
    /// <summary>The attempts before the last replay: Wolverine counts a replayed message's attempts from one again.</summary>
    public int AttemptsBeforeReplay { get; set; }
    public Guid? EnvelopeId { get; set; }
    public string? ExceptionType { get; set; }
    public string? Reason { get; set; }
    public string? ExternalId { get; set; }
    public string? ExternalNumber { get; set; }
    public DateTimeOffset QueuedAt { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }
    public DateTimeOffset? FirstAttemptAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>A customer order sent to МойСклад and not found shipped in full yet: a plan counts what is left of it as on its way.</summary>
    public bool AwaitingShipment { get; set; }
    public DateTimeOffset? ShippedAt { get; set; }

    public bool IsOpen => State is DeliveryState.Queued or DeliveryState.Retrying or DeliveryState.Replayed;

    /// <summary>What the order is, in parts, for pages in other languages than its <see cref="Description"/>; null for one recorded before its lines were kept.</summary>
    // A method, not a property: the document's JSON keeps only what is stored.
    public static OrderParts? PartsOf(Delivery d) => d.Lines.Count == 0 ? null : new(d.Kind, d.DonorName, d.RecipientName, d.Lines.Count);

    public RunOrder ToRunOrder() => new()
    {
        Id = Id, Kind = Kind, DonorKey = DonorKey, DonorName = DonorName, RecipientKey = RecipientKey, RecipientName = RecipientName,
        Lines = Lines, State = State, Attempts = Attempts, ExternalId = ExternalId, ExternalNumber = ExternalNumber, Reason = Reason, ReasonParts = DeliveryReasons.Parts(Reason),
        NextAttemptAt = NextAttemptAt, UpdatedAt = State == DeliveryState.Queued ? null : UpdatedAt,
    };

    public const string Alias = "outbox_delivery";
    public const string TableName = "mt_doc_" + Alias;

    private static void Column(DocumentMapping map, string member, string pgType, string column, bool notNull = false) =>
        map.DuplicateField([typeof(Delivery).GetProperty(member)!], pgType, column, notNull);

    public static void ConfigureMarten(DocumentMapping<Delivery> map)
    {
        map.Alias = Alias;
        // Named columns for the dead-letter list's keyset SQL (newest change first, filtered by state) and for a run's
        // orders and counts (the run's end counts its open orders on this index).
        Column(map, nameof(UpdatedAt), "timestamptz", "updated_at", notNull: true);
        Column(map, nameof(State), "text", "state");
        Column(map, nameof(RunId), "uuid", "run_id");
        Column(map, nameof(ExternalSystem), "text", "external_system");
        Column(map, nameof(ExceptionType), "text", "exception_type");
        // A plan reads the customer orders awaiting shipment, a few among all the orders ever sent.
        Column(map, nameof(AwaitingShipment), "boolean", "awaiting_shipment");
        map.Indexes.Add(new DocumentIndex(map, "awaiting_shipment") { Predicate = "awaiting_shipment" });
        map.Indexes.Add(new DocumentIndex(map, "state", "updated_at", "id"));
        map.Indexes.Add(new DocumentIndex(map, "run_id", "state"));
    }
}

/// <summary>Projects each order's events onto its <see cref="Delivery"/>, in the transaction that appends them.</summary>
/// <remarks>
/// Wolverine's retry and parking are recorded after the attempt's own transaction, so a late "retrying" can arrive after the
/// next attempt's "sent": a sent order stays sent (what was created in 1C or МойСклад is the truth), a discarded one stays discarded.
/// </remarks>
public sealed partial class DeliveryProjection : SingleStreamProjection<Delivery, Guid>
{
    public static Delivery Create(OrderQueued e) => new()
    {
        Id = e.OrderId, RunId = e.RunId, Kind = e.Kind, ExternalSystem = e.ExternalSystem,
        MessageType = e.Kind == OrderKind.Transfer ? nameof(SendTransferOrder) : nameof(SendCustomerOrder),
        Description = e.Description ?? (e.Kind == OrderKind.Transfer
            ? $"Заказ на перемещение {e.DonorName} → {e.RecipientName}, {e.Lines.Count} lines"
            : $"Заказ покупателя for {e.RecipientName}, {e.Lines.Count} lines"),
        DonorKey = e.DonorKey, DonorName = e.DonorName, RecipientKey = e.RecipientKey, RecipientName = e.RecipientName, Lines = e.Lines.ToList(),
        State = DeliveryState.Queued, QueuedAt = e.At, UpdatedAt = e.At,
    };

    private static bool Settled(Delivery d) => d.State is DeliveryState.Sent or DeliveryState.Discarded;

    private static void Attempted(Delivery d, int attempt, Guid? envelopeId, DateTimeOffset at)
    {
        d.Attempts = Math.Max(d.Attempts, d.AttemptsBeforeReplay + attempt);
        d.EnvelopeId = envelopeId ?? d.EnvelopeId;
        d.FirstAttemptAt ??= at;
        d.UpdatedAt = at;
    }

    public static Delivery Apply(OrderRetrying e, Delivery d)
    {
        if (Settled(d) || d.State == DeliveryState.Parked) return d;
        Attempted(d, e.Attempt, e.EnvelopeId, e.At);
        d.State = DeliveryState.Retrying;
        d.ExceptionType = e.ExceptionType;
        d.Reason = e.Reason;
        d.NextAttemptAt = e.NextAttemptAt;
        return d;
    }

    public static Delivery Apply(OrderSent e, Delivery d)
    {
        if (d.State == DeliveryState.Discarded) return d;
        Attempted(d, e.Attempt, e.EnvelopeId, e.At);
        d.State = DeliveryState.Sent;
        d.AwaitingShipment = d.Kind == OrderKind.Purchase && d.ShippedAt is null;
        d.ExternalId = e.ExternalId;
        d.ExternalNumber = e.ExternalNumber;
        d.Reason = e.Note;
        d.ExceptionType = null;
        d.NextAttemptAt = null;
        return d;
    }

    public static Delivery Apply(OrderDeadLettered e, Delivery d)
    {
        if (Settled(d)) return d;
        Attempted(d, e.Attempt, e.EnvelopeId, e.At);
        d.State = DeliveryState.Parked;
        d.ExceptionType = e.ExceptionType;
        d.Reason = e.Reason;
        d.NextAttemptAt = null;
        return d;
    }

    public static Delivery Apply(OrderReplayed e, Delivery d)
    {
        if (d.State != DeliveryState.Parked) return d;
        d.State = DeliveryState.Replayed;
        d.AttemptsBeforeReplay = d.Attempts;
        d.Reason = DeliveryReasons.Replayed(e.By, d.Reason);
        d.UpdatedAt = e.At;
        return d;
    }

    public static Delivery Apply(OrderShipped e, Delivery d)
    {
        d.AwaitingShipment = false;
        d.ShippedAt = e.At;
        d.UpdatedAt = e.At;
        return d;
    }

    public static Delivery Apply(OrderBroughtForward e, Delivery d)
    {
        if (d.State != DeliveryState.Retrying) return d;
        d.NextAttemptAt = e.At;
        d.Reason = DeliveryReasons.SentNow(e.By, d.Reason);
        d.UpdatedAt = e.At;
        return d;
    }

    /// <summary>Only a retrying order is cancelled; a "sent" recorded after it cannot happen, its scheduled attempt was deleted with it.</summary>
    public static Delivery Apply(OrderCancelled e, Delivery d)
    {
        if (d.State != DeliveryState.Retrying) return d;
        d.State = DeliveryState.Discarded;
        d.NextAttemptAt = null;
        d.Reason = DeliveryReasons.Cancelled(e.By, d.Reason);
        d.UpdatedAt = e.At;
        return d;
    }

    public static Delivery Apply(OrderDiscarded e, Delivery d)
    {
        if (d.State != DeliveryState.Parked) return d;
        d.State = DeliveryState.Discarded;
        d.Reason = DeliveryReasons.Discarded(e.By, d.Reason);
        d.UpdatedAt = e.At;
        return d;
    }
}
