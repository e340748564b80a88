using Hub.Contracts.Replenishment;

namespace Hub.Contracts.Outbox;

/// <summary>How many orders of a run there are and where they stand; <see cref="Open"/> are queued, retrying or replayed.</summary>
public sealed record RunOrderCounts(int Total, int Open, int Sent, int Failed)
{
    public static readonly RunOrderCounts None = new(0, 0, 0, 0);
}

/// <summary>The Outbox's delivery view of a run's orders, read by Replenishment: the run page, the list's counts, the end of a run.</summary>
public interface IRunOrders
{
    /// <summary>Every order of the run with its lines and where its delivery stands, in the order they were planned.</summary>
    Task<IReadOnlyList<RunOrder>> ListAsync(Guid runId, CancellationToken ct);

    /// <summary>The ids of the run's orders: each is the id of the order's event stream.</summary>
    Task<IReadOnlyList<Guid>> IdsAsync(Guid runId, CancellationToken ct);

    /// <summary>The counts of each run asked for, from one indexed query; a run without orders is left out.</summary>
    Task<IReadOnlyDictionary<Guid, RunOrderCounts>> CountAsync(IReadOnlyCollection<Guid> runIds, CancellationToken ct);
}
