using Hub.Contracts.Logging;
using Hub.Contracts.Replenishment;
using Wolverine;

namespace Hub.Outbox.Deliveries;

/// <summary>What the Outbox knows of each order message it carries, and the steps of a <see cref="Delivery"/>.</summary>
public static class DeliveryRecords
{
    public const string Process = "internal_replenishment";

    public static bool IsOrder(object? message) => message is SendTransferOrder or SendCustomerOrder;

    public static (Guid OrderId, Guid RunId, string System, string Description) Describe(object message) => message switch
    {
        SendTransferOrder t => (t.OrderId, t.RunId, "1c", $"Заказ на перемещение {t.DonorName} → {t.RecipientName}, {t.Lines.Count} lines"),
        SendCustomerOrder c => (c.OrderId, c.RunId, "moysklad", $"Заказ покупателя for {c.RecipientName}, {c.Lines.Count} lines"),
        _ => throw new ArgumentException($"{message.GetType().Name} is not an order message", nameof(message)),
    };

    /// <summary>Every call a delivery attempt makes is logged under its run, with the order as the request and the attempt as the retry count.</summary>
    public static IDisposable Scope(object message, Envelope? envelope)
    {
        var (orderId, runId, _, _) = Describe(message);
        return IntegrationScope.Begin(new IntegrationScope(Process, runId, orderId, Math.Max((envelope?.Attempts ?? 1) - 1, 0)));
    }

    /// <summary>The delivery after one more attempt, whatever came before it (none, a retry, a replay).</summary>
    public static Delivery Attempted(Delivery? current, object message, Envelope? envelope, DeliveryState state, DateTimeOffset now)
    {
        var (orderId, runId, system, description) = Describe(message);
        var delivery = current ?? new Delivery
        {
            Id = orderId,
            RunId = runId,
            ExternalSystem = system,
            MessageType = message.GetType().Name,
            Description = description,
            FirstAttemptAt = now,
        };
        delivery.State = state;
        delivery.Attempts++;
        delivery.EnvelopeId = envelope?.Id ?? delivery.EnvelopeId;
        delivery.UpdatedAt = now;
        delivery.NextAttemptAt = null;
        return delivery;
    }
}
