using System.Diagnostics;
using System.Diagnostics.Metrics;
using Marten;
using Marten.Services;

namespace Hub.Outbox.Deliveries;

/// <summary>
/// Orders by system and by what happened to them (sent, retrying, parked, replayed, discarded), counted from the
/// delivery records as they commit: every attempt writes one, so a rolled-back attempt is never counted.
/// </summary>
public sealed class DeliveryMetrics : DocumentSessionListenerBase, IConfigureMarten
{
    public const string Name = "Hub.Outbox";

    private readonly Counter<long> _orders;

    public DeliveryMetrics(IMeterFactory meters) =>
        _orders = meters.Create(Name).CreateCounter<long>("hub.orders", "{order}",
            "Order deliveries by external system and state: sent, retrying (one per retry), parked, replayed, discarded");

    public void Configure(IServiceProvider services, StoreOptions options) => options.Listeners.Add(this);

    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        foreach (var delivery in commit.Updated.Concat(commit.Inserted).OfType<Delivery>())
            _orders.Add(1, new TagList { { "external_system", delivery.ExternalSystem }, { "state", delivery.State.ToString().ToLowerInvariant() } });
        return Task.CompletedTask;
    }
}
