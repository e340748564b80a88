using Hub.Contracts.Logging;
using Hub.Contracts.Replenishment;
using Marten;
using Wolverine;
using Wolverine.Marten;

namespace Hub.Outbox.Deliveries;

/// <summary>What the Outbox knows of each order message it carries, and how an attempt's outcome joins the order's stream.</summary>
public static class DeliveryRecords
{
    public const string Process = "internal_replenishment";

    public static bool IsOrder(object? message) => message is SendTransferOrder or SendCustomerOrder;

    /// <summary>
    /// The ERROR integration log of an order parked for good: what the Logs page filtered by ERROR, the stats and the
    /// operator's search find first, with the system, the run, the order (as the request id) and the reason.
    /// </summary>
    public static Hub.Contracts.Logging.LogEntry Parked(Guid orderId, Guid runId, string system, int attempts, string exceptionType, string reason) => new()
    {
        ProcessName = "internal_replenishment",
        Step = "delivery",
        Level = Hub.Contracts.Logging.LogLevels.Error,
        Status = "failed",
        Message = $"Order {orderId} to {(system == "1c" ? "1C" : "МойСклад")} parked after {attempts} attempt{(attempts == 1 ? "" : "s")}: {reason}",
        RunId = runId.ToString(),
        RequestId = orderId.ToString(),
        ExternalSystem = system,
        Action = system == "1c" ? "create_transfer_order" : "create_customer_order",
        RetryCount = attempts,
        ErrorMessage = reason,
        ErrorCode = exceptionType,
    };

    public static (Guid OrderId, Guid RunId, string System) Describe(object message) => message switch
    {
        SendTransferOrder t => (t.OrderId, t.RunId, "1c"),
        SendCustomerOrder c => (c.OrderId, c.RunId, "moysklad"),
        _ => throw new ArgumentException($"{message.GetType().Name} is not an order message", nameof(message)),
    };

    /// <summary>Every call a delivery attempt makes is logged under its run, with the order as the request and the attempt as the retry count.</summary>
    public static IDisposable Scope(object message, Envelope? envelope)
    {
        var (orderId, runId, _) = Describe(message);
        return IntegrationScope.Begin(new IntegrationScope(Process, runId, orderId, Math.Max((envelope?.Attempts ?? 1) - 1, 0)));
    }

    /// <summary>
    /// The order's <see cref="OrderQueued"/> rebuilt from its message, for a message planned before orders had streams of
    /// their own: the first outcome of such an order starts its stream with it, so its delivery view is whole.
    /// </summary>
    public static OrderQueued Queued(object message, DateTimeOffset now) => message switch
    {
        SendTransferOrder t => new(t.OrderId, t.RunId, OrderKind.Transfer, t.DonorKey, t.DonorName, t.RecipientKey, t.RecipientName, Lines(t.Lines), t.PlannedAt ?? now),
        SendCustomerOrder c => new(c.OrderId, c.RunId, OrderKind.Purchase, null, null, c.RecipientKey, c.RecipientName, Lines(c.Lines), now),
        _ => throw new ArgumentException($"{message.GetType().Name} is not an order message", nameof(message)),
    };

    private static PlannedLine[] Lines(IReadOnlyList<OrderLine> lines) =>
        lines.Select(l => new PlannedLine(l.ItemKey, l.ItemName, l.Unit, l.Quantity) { CharacteristicKey = l.CharacteristicKey, CharacteristicName = l.CharacteristicName }).ToArray();

    /// <summary>The outcome appended to the order's stream; <paramref name="known"/> is false when the stream has no events yet.</summary>
    public static AppendOrderEvents Outcome(bool known, object message, IOrderEvent outcome) =>
        new(known ? [outcome] : [Queued(message, outcome.At), outcome]);
}

/// <summary>Appends order events to their orders' streams: a handler's side effect, committed with the messages it cascades.</summary>
public sealed class AppendOrderEvents(IReadOnlyList<IOrderEvent> events) : IMartenOp
{
    public IReadOnlyList<IOrderEvent> Events { get; } = events;

    public void Execute(IDocumentSession session)
    {
        foreach (var order in Events.GroupBy(e => e.OrderId))
            session.Events.Append(order.Key, order.Cast<object>().ToArray());
    }
}
