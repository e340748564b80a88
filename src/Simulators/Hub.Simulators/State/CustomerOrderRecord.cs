namespace Hub.Simulators.State;

// ReceivedCount counts every create request resolved to this order, so retries show up without a duplicate.
public sealed record CustomerOrderRecord(
    Guid Id,
    string Name,
    Guid? SyncId,
    string ExternalCode,
    string? Description,
    Guid OrganizationId,
    Guid AgentId,
    Guid? StoreId,
    DateTimeOffset Moment,
    IReadOnlyList<CustomerOrderPosition> Positions,
    DateTimeOffset Created,
    int ReceivedCount);
