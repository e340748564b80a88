using Hub.Contracts.Outbox;
using Hub.Contracts.Replenishment;
using Hub.Integrations.MoySklad;

namespace Hub.Replenishment.PlanRun;

/// <summary>
/// Asks МойСклад what it has shipped of the hub's customer orders still awaiting shipment: what is left of each line counts
/// as on its way; an order shipped in full (or deleted there) is recorded as shipped, so no later plan asks again.
/// </summary>
public static class MoySkladShipments
{
    public sealed record Result(IReadOnlyDictionary<Guid, IReadOnlyList<decimal>> Unshipped, IReadOnlyList<OrderShipped> Shipped, IReadOnlyList<string> Warnings)
    {
        /// <summary><see cref="Warnings"/> in their parts, one each.</summary>
        public IReadOnlyList<PlanWarning> WarningParts { get; init; } = [];
    }

    public static readonly Result None = new(new Dictionary<Guid, IReadOnlyList<decimal>>(), [], []);

    public static async Task<Result> ReadAsync(IReadOnlyList<OpenOrderLine> open, MoySkladClient moySklad, DateTimeOffset now, CancellationToken ct)
    {
        var unshipped = new Dictionary<Guid, IReadOnlyList<decimal>>();
        var shipped = new List<OrderShipped>();
        var unanswered = 0;
        string? lastError = null;
        foreach (var order in open.Where(HubOrders.AwaitsShipment).GroupBy(l => l.OrderId))
        {
            var lines = order.ToArray();
            var number = lines[0].ExternalNumber ?? lines[0].ExternalId;
            try
            {
                var positions = await moySklad.GetCustomerOrderPositionsAsync(lines[0].ExternalId!, ct);
                if (positions is null)
                {
                    unshipped[order.Key] = lines.Select(_ => 0m).ToArray();
                    shipped.Add(new OrderShipped(order.Key, lines[0].RunId, "moysklad", ShipmentNotes.NoLongerExists(number), now));
                    continue;
                }

                var assortment = await moySklad.ResolveAssortmentAsync(
                    lines.Select(l => (l.ItemKey.ToString(), l.CharacteristicKey == Guid.Empty ? null : l.CharacteristicKey.ToString())).ToArray(), ct);
                var left = Remaining(assortment.Select(a => a.Ref.Id).ToArray(), positions);
                unshipped[order.Key] = left;
                if (left.All(q => q <= 0))
                    shipped.Add(new OrderShipped(order.Key, lines[0].RunId, "moysklad", ShipmentNotes.ShippedInFull(number), now));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                unanswered++;
                lastError = ex.Message;
            }
        }

        var warnings = unanswered == 0 ? Array.Empty<string>()
            : [$"МойСклад did not say what it shipped of {unanswered} customer orders, so they count whole as on their way: {lastError}"];
        return new Result(unshipped, shipped, warnings)
        {
            WarningParts = unanswered == 0 ? [] : [new PlanWarning(PlanWarningCode.ShipmentsUnknown, [unanswered.ToString(System.Globalization.CultureInfo.InvariantCulture), lastError ?? ""])],
        };
    }

    /// <summary>
    /// What each line still has to ship, from the order's positions matched by the assortment each line was ordered as; an
    /// assortment ordered twice in one order gives its rest to the first line.
    /// </summary>
    public static IReadOnlyList<decimal> Remaining(IReadOnlyList<string> lineAssortmentIds, IReadOnlyList<MsOrderPosition> positions)
    {
        var left = positions.GroupBy(p => p.AssortmentId, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Sum(p => p.Remaining), StringComparer.OrdinalIgnoreCase);
        return lineAssortmentIds.Select(id =>
        {
            var value = left.GetValueOrDefault(id);
            left[id] = 0;
            return value;
        }).ToArray();
    }
}
