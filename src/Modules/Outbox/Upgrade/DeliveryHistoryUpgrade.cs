using Hub.Outbox.Deliveries;
using Marten;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hub.Outbox.Upgrade;

/// <summary>
/// Turns the delivery documents of a hub from before orders had event streams into streams, at start-up and before any
/// message is handled: each becomes its order's queued event and the event of the state it was in (with its Wolverine
/// envelope, so a parked order can still be replayed). Idempotent: an order that has a stream is left alone.
/// </summary>
public sealed class DeliveryHistoryUpgrade(IDocumentStore store, ILogger<DeliveryHistoryUpgrade> logger) : IHostedService
{
    private const int Batch = 500;

    public async Task StartAsync(CancellationToken ct)
    {
        try
        {
            var upgraded = await UpgradeAsync(store, ct);
            if (upgraded > 0) logger.LogInformation("Upgraded {Count} order deliveries from documents to event streams", upgraded);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The database may be down at start-up; the hub starts anyway and the upgrade runs at the next start.
            logger.LogWarning("Order deliveries were not upgraded to event streams ({Error}); the next start tries again", ex.Message);
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    public static async Task<int> UpgradeAsync(IDocumentStore store, CancellationToken ct)
    {
        var streams = $"{store.Options.Events.DatabaseSchemaName}.mt_streams";
        var total = 0;
        while (true)
        {
            await using var session = store.LightweightSession();
            var legacy = await session.QueryAsync<Delivery>($"where not exists (select 1 from {streams} s where s.id = d.id) limit {Batch}", ct);
            if (legacy.Count == 0) return total;
            foreach (var d in legacy) session.Events.StartStream(d.Id, [.. Events(d)]);
            await session.SaveChangesAsync(ct);
            total += legacy.Count;
        }
    }

    /// <summary>The events that project a legacy delivery back to what it was.</summary>
    public static IEnumerable<object> Events(Delivery d)
    {
        var kind = d.MessageType == nameof(SendCustomerOrder) || d.ExternalSystem == "moysklad" ? OrderKind.Purchase : OrderKind.Transfer;
        var system = kind == OrderKind.Transfer ? "1c" : "moysklad";
        var at = d.UpdatedAt;
        yield return new OrderQueued(d.Id, d.RunId, kind, null, null, Guid.Empty, "", [], d.FirstAttemptAt ?? at, d.Description);
        // A replayed or discarded legacy delivery says so in its reason; the replay's event says it again.
        var reason = (d.Reason ?? "").Replace("replayed by an operator after: ", "").Replace("discarded by an operator after: ", "");
        var parked = new OrderDeadLettered(d.Id, d.RunId, system, d.Attempts, d.EnvelopeId, d.ExceptionType ?? "", reason, at);
        switch (d.State)
        {
            case DeliveryState.Retrying:
                yield return new OrderRetrying(d.Id, d.RunId, system, d.Attempts, d.EnvelopeId, d.ExceptionType ?? "", d.Reason ?? "", d.NextAttemptAt ?? at, at);
                break;
            case DeliveryState.Sent:
                yield return new OrderSent(d.Id, d.RunId, system, d.Attempts, d.EnvelopeId, d.ExternalId ?? "", d.ExternalNumber, d.Reason, at);
                break;
            case DeliveryState.Parked:
                yield return parked;
                break;
            case DeliveryState.Replayed:
                yield return parked;
                yield return new OrderReplayed(d.Id, d.RunId, system, "an operator", at);
                break;
            case DeliveryState.Discarded:
                yield return parked;
                yield return new OrderDiscarded(d.Id, d.RunId, system, "an operator", at);
                break;
        }
    }
}
