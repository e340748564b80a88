using Hub.Contracts.Outbox;
using Hub.Contracts.Replenishment;
using Hub.Replenishment.Planning;

namespace Hub.Replenishment.PlanRun;

/// <summary>
/// The hub's own orders that have not arrived, added to a plan's input: on their way to their recipient and, for a transfer
/// not in 1C yet, taken from its donor. An order neither system knows yet (queued, retrying, replayed, parked until
/// discarded) counts whole; a customer order sent to МойСклад counts for what the seller has not shipped of it. A transfer
/// order sent to 1C is 1C's to count (its register of goods to receive). Without them a run in the morning orders again
/// everything that yesterday's run could not deliver yet.
/// </summary>
public static class HubOrders
{
    public const string Queued = "in the hub's outbox, not sent yet";
    public const string Retrying = "retrying in the hub";
    public const string Parked = "parked in the hub, not discarded";
    public const string NotShipped = "ordered in МойСклад, not shipped";

    public static string Source(DeliveryState state) => state switch
    {
        DeliveryState.Retrying => Retrying,
        DeliveryState.Parked => Parked,
        DeliveryState.Sent => NotShipped,
        _ => Queued,
    };

    /// <summary>Whether the line is of a customer order МojСклад has, whose shipment only МойСклад can tell.</summary>
    public static bool AwaitsShipment(OpenOrderLine l) => l is { State: DeliveryState.Sent, Kind: OrderKind.Purchase, ExternalId: not null };

    /// <param name="open">The lines of the hub's orders not arrived, in each order's line order.</param>
    /// <param name="unshipped">For a sent customer order, what each of its lines has still to ship, in line order; an order
    /// missing here (МойСклад did not answer) counts whole, so a plan never orders twice for want of an answer.</param>
    public static PlanningInput Add(PlanningInput input, IReadOnlyList<OpenOrderLine> open, IReadOnlyDictionary<Guid, IReadOnlyList<decimal>>? unshipped = null)
    {
        var onItsWay = new List<OnItsWayRow>();
        var promised = new List<PromisedRow>();
        foreach (var order in open.GroupBy(l => l.OrderId))
        {
            var lines = order.ToArray();
            var left = unshipped?.GetValueOrDefault(order.Key);
            for (var i = 0; i < lines.Length; i++)
            {
                var l = lines[i];
                if (l.State is DeliveryState.Discarded || l is { State: DeliveryState.Sent } && !AwaitsShipment(l)) continue;
                var quantity = AwaitsShipment(l) && left is not null ? Math.Min(l.Quantity, i < left.Count ? left[i] : l.Quantity) : l.Quantity;
                if (quantity <= 0) continue;
                onItsWay.Add(new OnItsWayRow(l.RecipientKey, l.ItemKey, l.CharacteristicKey, quantity, Source(l.State)));
                if (l is { Kind: OrderKind.Transfer, DonorKey: { } donor }) promised.Add(new PromisedRow(donor, l.ItemKey, l.CharacteristicKey, quantity));
            }
        }

        if (onItsWay.Count == 0) return input;
        return input with { OnItsWay = [.. input.OnItsWay, .. onItsWay], Promised = [.. input.Promised, .. promised] };
    }
}
