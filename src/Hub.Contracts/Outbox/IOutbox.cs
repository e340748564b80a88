namespace Hub.Contracts.Outbox;

/// <summary>One parked order: an order the Outbox gave up on, with the reason, until an operator replays or discards it.</summary>
public sealed record DeadLetterSummary(Guid Id, Guid RunId, string ExternalSystem, string MessageType, string Description, int Attempts,
    string? ExceptionType, string? Reason, DateTimeOffset ParkedAt, Guid? EnvelopeId)
{
    /// <summary><see cref="Description"/> in its parts, for a page to say in its reader's language; null for an order recorded before its lines were kept.</summary>
    public OrderParts? Order { get; init; }

    /// <summary><see cref="Reason"/> in its parts when operators acted on the order; null when the reason is only the failure's own words.</summary>
    public Hub.Contracts.Replenishment.OrderReason? ReasonParts { get; init; }
}

/// <summary>What an order is, in parts: its kind, from where to where, and how many lines it has.</summary>
public sealed record OrderParts(Hub.Contracts.Replenishment.OrderKind Kind, string? DonorName, string RecipientName, int Lines);

public sealed record DeadLettersPage(IReadOnlyList<DeadLetterSummary> Items, string? Next);

/// <summary>Which parked orders an operator means, as the dead-letters API takes it: by system, exception type, time parked and run; or by ids.</summary>
public sealed record ParkedOrderQuery(string? System, string? ExceptionType, DateTimeOffset? From, DateTimeOffset? To, Guid? RunId,
    IReadOnlyList<Guid>? Ids = null);

/// <summary>An order still on its way: queued, retrying after a transient failure, or replayed from the dead letters.</summary>
public sealed record PendingOrder(Guid Id, Guid RunId, string ExternalSystem, string MessageType, string Description, string State, int Attempts,
    DateTimeOffset? NextAttemptAt, string? Reason, DateTimeOffset UpdatedAt)
{
    /// <summary><see cref="Description"/> in its parts; null for an order recorded before its lines were kept.</summary>
    public OrderParts? Order { get; init; }

    /// <summary><see cref="Reason"/> in its parts when operators acted on the order; null when the reason is only the failure's own words.</summary>
    public Hub.Contracts.Replenishment.OrderReason? ReasonParts { get; init; }
}

/// <summary>A run with orders parked and waiting for an operator: how many, and when the last was parked.</summary>
public sealed record ParkedRun(Guid RunId, int Parked, DateTimeOffset LastParkedAt);

/// <summary>What became of an operator's "send now" or "cancel" for a retrying order: Done, NotFound, NotRetrying or BeingTried, and in words.</summary>
public sealed record RetryingOrderAnswer(string Outcome, string Detail)
{
    public bool Done => Outcome == "Done";
}

/// <summary>What the Outbox module lets other modules (the admin pages) see of its deliveries and do with its parked orders, by its API's rules.</summary>
public interface IOutbox
{
    /// <summary>The systems orders go to, as the filters name them.</summary>
    IReadOnlyList<string> Systems { get; }

    /// <summary>What is wrong with a query, in the dead-letters API's words; empty when it is fine.</summary>
    IReadOnlyList<string> Check(ParkedOrderQuery query);

    /// <summary>Parked orders, most recently parked first.</summary>
    Task<DeadLettersPage> ParkedAsync(ParkedOrderQuery query, int limit, CancellationToken ct);

    /// <summary>How many parked orders a replay or discard of the query would take.</summary>
    Task<int> CountParkedAsync(ParkedOrderQuery query, CancellationToken ct);

    /// <summary>Replays (or discards) the matching parked orders; answers how many it took.</summary>
    Task<int> ReleaseAsync(ParkedOrderQuery query, bool replay, CancellationToken ct);

    /// <summary>Orders still on their way, newest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<PendingOrder>> PendingAsync(string? system, Guid? runId, int limit, CancellationToken ct);

    /// <summary>The runs with parked orders, the most recently parked first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<ParkedRun>> ParkedRunsAsync(int limit, CancellationToken ct);

    /// <summary>How many orders wait for a retry.</summary>
    Task<int> CountRetryingAsync(CancellationToken ct);

    /// <summary>Sends a retrying order now, or cancels it, by the API's rules; <paramref name="by"/> names the operator on the order's history.</summary>
    Task<RetryingOrderAnswer> ActOnRetryingAsync(Guid orderId, bool sendNow, string by, CancellationToken ct);
}
