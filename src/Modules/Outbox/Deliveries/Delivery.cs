using Hub.Contracts.Replenishment;
using Marten.Schema;

namespace Hub.Outbox.Deliveries;

/// <summary>
/// The Outbox's record of one order it sends: where it stands, how many attempts it took, and which Wolverine
/// envelope carries it now. Dead letters are listed from here, because Wolverine's own table cannot be filtered
/// by run or keyset-paged; replay and discard still go through Wolverine by <see cref="EnvelopeId"/>.
/// </summary>
public sealed class Delivery
{
    public Guid Id { get; set; }
    public Guid RunId { get; set; }
    public string ExternalSystem { get; set; } = "";
    public string MessageType { get; set; } = "";
    public string Description { get; set; } = "";
    public DeliveryState State { get; set; }
    public int Attempts { get; set; }
    public Guid? EnvelopeId { get; set; }
    public string? ExceptionType { get; set; }
    public string? Reason { get; set; }
    public string? ExternalId { get; set; }
    public string? ExternalNumber { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }
    public DateTimeOffset FirstAttemptAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public OrderDeliveryChanged ToChange() =>
        new(RunId, Id, State, Attempts, UpdatedAt, ExternalId, ExternalNumber, Reason, NextAttemptAt);

    private static void Column(DocumentMapping map, string member, string pgType, string column, bool notNull = false) =>
        map.DuplicateField([typeof(Delivery).GetProperty(member)!], pgType, column, notNull);

    public static void ConfigureMarten(DocumentMapping<Delivery> map)
    {
        map.Alias = "outbox_delivery";
        // Named columns for the dead-letter list's keyset SQL: newest change first, filtered by state.
        Column(map, nameof(UpdatedAt), "timestamptz", "updated_at", notNull: true);
        Column(map, nameof(State), "text", "state");
        Column(map, nameof(RunId), "uuid", "run_id");
        Column(map, nameof(ExternalSystem), "text", "external_system");
        Column(map, nameof(ExceptionType), "text", "exception_type");
        map.Indexes.Add(new DocumentIndex(map, "state", "updated_at", "id"));
        map.Indexes.Add(new DocumentIndex(map, "run_id"));
    }
}
