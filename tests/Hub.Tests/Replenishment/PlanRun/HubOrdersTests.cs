using Hub.Contracts.Outbox;
using Hub.Contracts.Replenishment;
using Hub.Replenishment.Planning;
using Hub.Replenishment.PlanRun;

namespace Hub.Tests.Replenishment.PlanRun;

/// <summary>The hub's undelivered orders in a plan's input: on their way to the shop, taken from the donor, until sent or discarded.</summary>
public sealed class HubOrdersTests
{
    private static readonly WarehouseRow Donor = new(Guid.Parse("00000000-0000-0000-0000-0000000000b1"), "Бестужевых");
    private static readonly WarehouseRow Shop = new(Guid.Parse("00000000-0000-0000-0000-0000000000a1"), "Магазин 1");
    private static readonly ItemRow Tea = new(Guid.Parse("00000000-0000-0000-0000-00000000000a"), "Чай", "шт");

    private static PlanningInput Input(decimal shop, decimal donor, decimal minimum) => new(
        [Donor, Shop], [Tea], [new BalanceRow(Shop.Key, Tea.Key, shop), new BalanceRow(Donor.Key, Tea.Key, donor)],
        [new LevelRow(Shop.Key, Tea.Key, minimum, null)], ["Бестужевых"]);

    private static OpenOrderLine Line(DeliveryState state, decimal quantity, OrderKind kind = OrderKind.Transfer) =>
        new(Guid.CreateVersion7(), kind, state, Shop.Key, kind == OrderKind.Transfer ? Donor.Key : null, Tea.Key, Guid.Empty, quantity);

    [Theory]
    [InlineData(DeliveryState.Queued, HubOrders.Queued)]
    [InlineData(DeliveryState.Replayed, HubOrders.Queued)]
    [InlineData(DeliveryState.Retrying, HubOrders.Retrying)]
    [InlineData(DeliveryState.Parked, HubOrders.Parked)]
    public void an_order_not_delivered_covers_its_shelf_and_the_decision_says_where_it_waits(DeliveryState state, string source)
    {
        var plan = ReplenishmentPlanner.Create(HubOrders.Add(Input(shop: 2, donor: 50, minimum: 10), [Line(state, 4)]));
        var decision = Assert.Single(plan.Decisions);
        Assert.Equal(4, decision.OnItsWay);
        Assert.StartsWith($"balance 2 + 4 on its way (4 {source}) < minimum 10; 4 to reach the minimum", decision.Reason);
        Assert.Equal(4, decision.FromDonors.Sum(a => a.Quantity));
    }

    [Theory]
    [InlineData(DeliveryState.Sent)]
    [InlineData(DeliveryState.Discarded)]
    public void a_sent_or_discarded_order_is_left_to_1c_or_forgotten(DeliveryState state)
    {
        var input = Input(shop: 2, donor: 50, minimum: 10);
        Assert.Same(input, HubOrders.Add(input, [Line(state, 4)]));
        Assert.Equal(8, Assert.Single(ReplenishmentPlanner.Create(input).Decisions).Needed);
    }

    private static OpenOrderLine SentPurchase(Guid order, decimal quantity) =>
        Line(DeliveryState.Sent, quantity, OrderKind.Purchase) with { OrderId = order, ExternalId = "ms-1", ExternalNumber = "00042" };

    [Fact]
    public void a_customer_order_in_moysklad_counts_for_what_the_seller_has_not_shipped()
    {
        var order = Guid.CreateVersion7();
        var input = HubOrders.Add(Input(shop: 2, donor: 0, minimum: 10), [SentPurchase(order, 6)],
            new Dictionary<Guid, IReadOnlyList<decimal>> { [order] = [2.5m] });
        var row = Assert.Single(input.OnItsWay);
        Assert.Equal((2.5m, HubOrders.NotShipped), (row.Quantity, row.Source));
        Assert.Empty(input.Promised);
        var decision = Assert.Single(ReplenishmentPlanner.Create(input).Decisions);
        Assert.StartsWith("balance 2 + 2.5 on its way (2.5 ordered in МойСклад, not shipped) < minimum 10", decision.Reason);
    }

    [Fact]
    public void a_customer_order_moysklad_did_not_answer_for_counts_whole_and_one_shipped_in_full_counts_nothing()
    {
        var unanswered = Guid.CreateVersion7();
        var shipped = Guid.CreateVersion7();
        var input = HubOrders.Add(Input(shop: 2, donor: 0, minimum: 10), [SentPurchase(unanswered, 6), SentPurchase(shipped, 3)],
            new Dictionary<Guid, IReadOnlyList<decimal>> { [shipped] = [0m] });
        Assert.Equal(6, Assert.Single(input.OnItsWay).Quantity);
    }

    [Fact]
    public void what_is_left_to_ship_is_matched_by_assortment_and_an_assortment_twice_gives_its_rest_to_the_first_line()
    {
        var positions = new[]
        {
            new Hub.Integrations.MoySklad.MsOrderPosition("p1", "product", 10, 4),
            new Hub.Integrations.MoySklad.MsOrderPosition("v2", "variant", 5, 5),
            new Hub.Integrations.MoySklad.MsOrderPosition("P3", "product", 7, 9),
        };
        Assert.Equal([6m, 0m, 0m, 0m, 0m], MoySkladShipments.Remaining(["p1", "v2", "p3", "p1", "gone"], positions));
    }

    [Fact]
    public void a_parked_order_that_covers_the_minimum_means_nothing_is_ordered_again()
    {
        var plan = ReplenishmentPlanner.Create(HubOrders.Add(Input(shop: 2, donor: 50, minimum: 10), [Line(DeliveryState.Parked, 8)]));
        Assert.Empty(plan.Decisions);
        Assert.Empty(plan.Transfers);
        Assert.Equal(1, plan.Skipped[ReplenishmentPlanner.CoveredOnItsWay]);
    }

    [Fact]
    public void a_transfer_not_sent_yet_takes_its_donors_stock_and_a_purchase_takes_none()
    {
        var other = new WarehouseRow(Guid.Parse("00000000-0000-0000-0000-0000000000a2"), "Магазин 2");
        var input = Input(shop: 0, donor: 10, minimum: 0) with
        {
            Warehouses = [Donor, Shop, other],
            Levels = [new LevelRow(other.Key, Tea.Key, 8, null)],
        };
        var withTransfer = HubOrders.Add(input, [Line(DeliveryState.Retrying, 6)]);
        var promised = Assert.Single(withTransfer.Promised);
        Assert.Equal((Donor.Key, 6m), (promised.DonorKey, promised.Quantity));
        var decision = Assert.Single(ReplenishmentPlanner.Create(withTransfer).Decisions);
        Assert.Equal(4, decision.FromDonors.Sum(a => a.Quantity));
        Assert.Equal(4, decision.ToPurchase);

        var withPurchase = HubOrders.Add(input, [Line(DeliveryState.Retrying, 6, OrderKind.Purchase)]);
        Assert.Empty(withPurchase.Promised);
        Assert.Equal(8, Assert.Single(ReplenishmentPlanner.Create(withPurchase).Decisions).FromDonors.Sum(a => a.Quantity));
    }
}
