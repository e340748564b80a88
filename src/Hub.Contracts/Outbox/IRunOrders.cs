using Hub.Contracts.Replenishment;

namespace Hub.Contracts.Outbox;

/// <summary>
/// How many orders of a run there are and where they stand; <see cref="Open"/> are queued, retrying or replayed, and
/// <see cref="Waiting"/> those of them not tried yet (queued, or replayed and not tried again).
/// </summary>
public sealed record RunOrderCounts(int Total, int Open, int Sent, int Failed, int Waiting = 0)
{
    public static readonly RunOrderCounts None = new(0, 0, 0, 0);
}

/// <summary>A page of a run's orders in the order of their ids; <see cref="Next"/> is the cursor for the following page, null on the last.</summary>
public sealed record RunOrdersPage(IReadOnlyList<RunOrder> Items, RunOrderCounts Counts, string? Next);

/// <summary>The Outbox's delivery view of a run's orders, read by Replenishment: the run page, the list's counts, the end of a run.</summary>
public interface IRunOrders
{
    /// <summary>Every order of the run with its lines and where its delivery stands, in the order of their ids.</summary>
    Task<IReadOnlyList<RunOrder>> ListAsync(Guid runId, CancellationToken ct);

    /// <summary>
    /// One page of the run's orders in the order of their ids (version 7 UUIDs: the order they were planned in, to the millisecond), optionally only those in one state,
    /// after the order <paramref name="after"/>; with the run's counts, so a page of a 5,000-order run reads 100 rows, not 5,000.
    /// </summary>
    Task<RunOrdersPage> PageAsync(Guid runId, DeliveryState? state, Guid? after, int pageSize, CancellationToken ct);

    /// <summary>The ids of the run's orders: each is the id of the order's event stream.</summary>
    Task<IReadOnlyList<Guid>> IdsAsync(Guid runId, CancellationToken ct);

    /// <summary>The counts of each run asked for, from one indexed query; a run without orders is left out.</summary>
    Task<IReadOnlyDictionary<Guid, RunOrderCounts>> CountAsync(IReadOnlyCollection<Guid> runIds, CancellationToken ct);
}
