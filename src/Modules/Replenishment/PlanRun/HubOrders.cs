using Hub.Contracts.Outbox;
using Hub.Contracts.Replenishment;
using Hub.Replenishment.Planning;

namespace Hub.Replenishment.PlanRun;

/// <summary>
/// The hub's own orders that neither 1C nor МойСклад knows yet (queued, retrying, replayed, parked until discarded), added to
/// a plan's input: on their way to their recipient and, for a transfer, taken from its donor. Without them a run in the
/// morning orders again everything that yesterday's run could not deliver yet.
/// </summary>
public static class HubOrders
{
    public const string Queued = "in the hub's outbox, not sent yet";
    public const string Retrying = "retrying in the hub";
    public const string Parked = "parked in the hub, not discarded";

    public static string Source(DeliveryState state) => state switch
    {
        DeliveryState.Retrying => Retrying,
        DeliveryState.Parked => Parked,
        _ => Queued,
    };

    public static PlanningInput Add(PlanningInput input, IReadOnlyList<OpenOrderLine> open)
    {
        var live = open.Where(l => (l.State is DeliveryState.Queued or DeliveryState.Retrying or DeliveryState.Replayed or DeliveryState.Parked) && l.Quantity > 0)
            .ToArray();
        if (live.Length == 0) return input;
        return input with
        {
            OnItsWay = [.. input.OnItsWay, .. live.Select(l => new OnItsWayRow(l.RecipientKey, l.ItemKey, l.CharacteristicKey, l.Quantity, Source(l.State)))],
            Promised = [.. input.Promised, .. live.Where(l => l is { Kind: OrderKind.Transfer, DonorKey: not null })
                .Select(l => new PromisedRow(l.DonorKey!.Value, l.ItemKey, l.CharacteristicKey, l.Quantity))],
        };
    }
}
