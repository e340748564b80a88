using System.Diagnostics;
using System.Diagnostics.Metrics;
using Hub.Contracts.Replenishment;
using Marten;
using Marten.Services;

namespace Hub.Outbox.Deliveries;

/// <summary>
/// Orders by system and by what happened to them (sent, retrying, parked, replayed, discarded), counted from the
/// order events as they commit, so a rolled-back attempt is never counted.
/// </summary>
public sealed class DeliveryMetrics : DocumentSessionListenerBase, IConfigureMarten
{
    public const string Name = "Hub.Outbox";

    private readonly Counter<long> _orders;

    public DeliveryMetrics(IMeterFactory meters) =>
        _orders = meters.Create(Name).CreateCounter<long>("hub.orders", "{order}",
            "Order deliveries by external system and state: sent, retrying (one per retry), parked, replayed, discarded, cancelled");

    public void Configure(IServiceProvider services, StoreOptions options) => options.Listeners.Add(this);

    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        foreach (var e in commit.GetEvents())
        {
            var state = e.Data switch
            {
                OrderSent => "sent", OrderRetrying => "retrying", OrderDeadLettered => "parked", OrderReplayed => "replayed", OrderDiscarded => "discarded", OrderCancelled => "cancelled",
                _ => null,
            };
            if (state is null) continue;
            _orders.Add(1, new TagList { { "external_system", ((IOrderEvent)e.Data).ExternalSystem }, { "state", state } });
        }
        return Task.CompletedTask;
    }
}
