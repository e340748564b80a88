using System.Globalization;
using Hub.Replenishment.Planning;

namespace Hub.Tests.Replenishment.Planning;

/// <summary>
/// The planning rules on tables of cases, without 1C. Warehouses: the donors B ("Бестужевых") and K ("Контейнер"),
/// the shops S1 and S2; items A and C. A case lists balances ("S1 A 2"), levels ("S1 A 5" or "S1 A 5..8" with a
/// maximum) and the decisions it expects, one per line as "shop item: donor qty, ..., buy qty".
/// </summary>
public sealed class ReplenishmentPlannerTests
{
    private static readonly Dictionary<string, WarehouseRow> Warehouses = new()
    {
        ["B"] = new(Guid.Parse("00000000-0000-0000-0000-0000000000b1"), "Бестужевых"),
        ["K"] = new(Guid.Parse("00000000-0000-0000-0000-0000000000c1"), "Контейнер"),
        ["S1"] = new(Guid.Parse("00000000-0000-0000-0000-0000000000a1"), "Магазин 1"),
        ["S2"] = new(Guid.Parse("00000000-0000-0000-0000-0000000000a2"), "Магазин 2"),
    };

    private static readonly Dictionary<string, ItemRow> Items = new()
    {
        ["A"] = new(Guid.Parse("00000000-0000-0000-0000-00000000000a"), "A", "шт"),
        ["C"] = new(Guid.Parse("00000000-0000-0000-0000-00000000000c"), "C", "м"),
    };

    public static TheoryData<string, string, string, string> Cases => new()
    {
        // name, balances, levels, expected decisions
        { "no stock anywhere: everything is bought", "", "S1 A 5", "S1 A: buy 5" },
        { "filled up to the maximum where 1C has one", "S1 A 1; B A 20", "S1 A 5..8", "S1 A: B 7" },
        { "a donor exactly at its minimum gives nothing", "S1 A 0; B A 4; K A 3", "S1 A 5; B A 4; K A 3", "S1 A: buy 5" },
        { "the first donor first, the second for the rest", "S1 A 0; B A 3; K A 10", "S1 A 5", "S1 A: B 3, K 2" },
        { "one deficit split across both donors and a purchase", "S1 A 0; B A 2; K A 1", "S1 A 5", "S1 A: B 2, K 1, buy 2" },
        { "a donor keeps its own minimum", "S1 A 0; B A 10", "S1 A 5; B A 8", "S1 A: B 2, buy 3" },
        { "a negative shop balance counts as an empty shelf", "S1 A -3; B A 10", "S1 A 5", "S1 A: B 5" },
        { "a negative donor balance gives nothing", "S1 A 0; B A -4; K A 2", "S1 A 5", "S1 A: K 2, buy 3" },
        { "the same unit is never given twice", "S1 A 0; S2 A 0; B A 6", "S1 A 4; S2 A 4", "S1 A: B 4 | S2 A: B 2, buy 2" },
        { "a donor in deficit is replenished by the other donor, never by itself", "B A 1; K A 10", "B A 4", "B A: K 3" },
        { "repeated balance rows add up", "S1 A 1; S1 A 1; B A 10", "S1 A 5", "S1 A: B 3" },
        { "a minimum given twice: the higher one counts", "S1 A 0; B A 10", "S1 A 3; S1 A 5", "S1 A: B 5" },
        { "decimal quantities in the item's unit", "S1 C 1.5; B C 2.25", "S1 C 4.5", "S1 C: B 2.25, buy 0.75" },
        { "at or above the minimum: nothing to do", "S1 A 5; S2 A 9", "S1 A 5; S2 A 3", "" },
        { "a minimum of zero with a negative balance: nothing to order", "S1 A -2", "S1 A 0", "S1 A: skipped" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void plans_each_case_as_the_table_says(string name, string balances, string levels, string expected)
    {
        var plan = ReplenishmentPlanner.Create(Input(balances, levels));
        Assert.True(Render(plan) == expected, $"{name}\n expected: {expected}\n actual:   {Render(plan)}");
    }

    [Fact]
    public void a_donor_name_1c_does_not_know_is_reported_and_the_other_donor_is_used()
    {
        var input = Input("S1 A 0; K A 10", "S1 A 5") with { DonorNames = ["Склад на Луне", "Контейнер"] };
        var plan = ReplenishmentPlanner.Create(input);
        Assert.Equal("S1 A: K 5", Render(plan));
        Assert.Contains(plan.Warnings, w => w.Contains("Склад на Луне"));
    }

    [Fact]
    public void a_run_for_one_warehouse_plans_only_that_warehouse_and_counts_the_rest_as_outside()
    {
        var input = Input("S1 A 0; S2 A 0; B A 20", "S1 A 5; S2 A 5") with { OnlyWarehouse = Warehouses["S2"].Key };
        var plan = ReplenishmentPlanner.Create(input);
        Assert.Equal("S2 A: B 5", Render(plan));
        Assert.Equal(1, plan.Skipped[ReplenishmentPlanner.OutsideFilter]);
    }

    [Fact]
    public void orders_are_one_transfer_per_donor_and_shop_and_one_purchase_per_shop()
    {
        var plan = ReplenishmentPlanner.Create(Input("B A 10; K A 1; B C 1", "S1 A 5; S1 C 3; S2 A 8"));
        // S1: A from B (5), C from B (1) and buy 2; S2: A from B (5), from K (1), buy 2.
        Assert.Equal(["Бестужевых→Магазин 1: A 5, C 1", "Бестужевых→Магазин 2: A 5", "Контейнер→Магазин 2: A 1"],
            plan.Transfers.Select(t => $"{t.DonorName}→{t.RecipientName}: {string.Join(", ", t.Lines.Select(l => $"{l.ItemName} {Q(l.Quantity)}"))}").Order().ToArray());
        Assert.Equal(["Магазин 1: C 2", "Магазин 2: A 2"],
            plan.Purchases.Select(p => $"{p.RecipientName}: {string.Join(", ", p.Lines.Select(l => $"{l.ItemName} {Q(l.Quantity)}"))}").Order().ToArray());
    }

    [Fact]
    public void every_decision_says_why_in_words()
    {
        var plan = ReplenishmentPlanner.Create(Input("S1 A -1; B A 3", "S1 A 5..6"));
        var reason = Assert.Single(plan.Decisions).Reason;
        Assert.Equal("balance -1 < minimum 5; negative balance counted as 0; 6 to reach the maximum 6; Бестужевых gives 3 of its surplus 3; 3 more to buy", reason);
    }

    public static TheoryData<string, string, string, string, string, string> CasesOnItsWay => new()
    {
        // name, balances, levels, on its way ("S1 A 5"), promised donor stock ("B A 6"), expected decisions
        { "what is on its way and covers the minimum: nothing more is ordered", "S1 A 2", "S1 A 10", "S1 A 12", "", "" },
        { "on its way counts toward the target: only the rest is ordered", "S1 A 0; B A 50", "S1 A 10..20", "S1 A 5", "", "S1 A: B 15" },
        { "on its way counts also when the shelf is negative", "S1 A -3; B A 50", "S1 A 10", "S1 A 4", "", "S1 A: B 6" },
        { "a donor never gives what an open order already takes", "S1 A 0; B A 10", "S1 A 8", "", "B A 6", "S1 A: B 4, buy 4" },
        { "a donor whose stock is all taken gives nothing", "S1 A 0; B A 6; K A 2", "S1 A 5", "", "B A 6", "S1 A: K 2, buy 3" },
    };

    [Theory]
    [MemberData(nameof(CasesOnItsWay))]
    public void what_is_on_its_way_and_what_is_taken_count_before_anything_is_ordered(string name, string balances, string levels, string onItsWay, string promised, string expected)
    {
        var input = Input(balances, levels) with
        {
            OnItsWay = Rows(onItsWay).Select(r => new OnItsWayRow(Warehouses[r[0]].Key, Items[r[1]].Key, Guid.Empty, D(r[2]), "1C transfer orders")).ToArray(),
            Promised = Rows(promised).Select(r => new PromisedRow(Warehouses[r[0]].Key, Items[r[1]].Key, Guid.Empty, D(r[2]))).ToArray(),
        };
        var plan = ReplenishmentPlanner.Create(input);
        Assert.True(Render(plan) == expected, $"{name}\n expected: {expected}\n actual:   {Render(plan)}");
    }

    [Fact]
    public void a_decision_says_what_is_on_its_way_and_from_where()
    {
        var input = Input("S1 A 5; B A 50", "S1 A 20") with
        {
            OnItsWay =
            [
                new OnItsWayRow(Warehouses["S1"].Key, Items["A"].Key, Guid.Empty, 8, "1C transfer orders"),
                new OnItsWayRow(Warehouses["S1"].Key, Items["A"].Key, Guid.Empty, 4, "the hub's orders"),
            ],
        };
        var decision = Assert.Single(ReplenishmentPlanner.Create(input).Decisions);
        Assert.Equal(12, decision.OnItsWay);
        Assert.StartsWith("balance 5 + 12 on its way (8 1C transfer orders, 4 the hub's orders) < minimum 20; 3 to reach the minimum", decision.Reason);
    }

    [Fact]
    public void a_shelf_covered_by_what_is_on_its_way_is_counted_as_such()
    {
        var input = Input("S1 A 2", "S1 A 10") with { OnItsWay = [new OnItsWayRow(Warehouses["S1"].Key, Items["A"].Key, Guid.Empty, 12, "1C transfer orders")] };
        var plan = ReplenishmentPlanner.Create(input);
        Assert.Empty(plan.Decisions);
        Assert.Equal(1, plan.Skipped[ReplenishmentPlanner.CoveredOnItsWay]);
    }

    private static readonly Guid Box = Guid.Parse("00000000-0000-0000-0000-0000000000f1");

    [Theory]
    [InlineData("S1 A 0", "S1 A 7", "S1 A: buy 10")]
    [InlineData("S1 A 0", "S1 A 10", "S1 A: buy 10")]
    [InlineData("S1 A 0; B A 3", "S1 A 7", "S1 A: B 3, buy 5")]
    [InlineData("S1 A 0; B A 9", "S1 A 7", "S1 A: B 7")]
    public void a_purchase_is_whole_order_packages_never_below_the_need(string balances, string levels, string expected)
    {
        var input = Input(balances, levels) with
        {
            Levels = Input(balances, levels).Levels.Select(l => l with { PackageKey = Box }).ToArray(),
            Packages = new Dictionary<Guid, PackageRow> { [Box] = new(Box, "Коробка (5 шт)", 5) },
        };
        var plan = ReplenishmentPlanner.Create(input);
        Assert.Equal(expected, Render(plan));
        if (plan.Decisions[0].ToPurchase is > 0 and var bought && bought != plan.Decisions[0].Needed - plan.Decisions[0].FromDonors.Sum(a => a.Quantity))
            Assert.Contains("rounded up to", plan.Decisions[0].Reason);
    }

    [Fact]
    public void the_rounding_is_in_the_reason()
    {
        var input = Input("S1 A 0", "S1 A 7") with
        {
            Levels = [new LevelRow(Warehouses["S1"].Key, Items["A"].Key, 7, null, PackageKey: Box)],
            Packages = new Dictionary<Guid, PackageRow> { [Box] = new(Box, "Коробка (5 шт)", 5) },
        };
        var decision = Assert.Single(ReplenishmentPlanner.Create(input).Decisions);
        Assert.Equal("balance 0 < minimum 7; 7 to reach the minimum; 7 to buy rounded up to 10, whole packages \"Коробка (5 шт)\" of 5; no donor has surplus; 10 to buy", decision.Reason);
        Assert.Equal("Коробка (5 шт)", decision.Package);
    }

    [Fact]
    public void a_purchase_of_more_positions_than_one_order_may_carry_is_split_into_parts()
    {
        var items = Enumerable.Range(0, 2500).Select(i => new ItemRow(Guid.NewGuid(), $"Item {i:D4}", "шт")).ToArray();
        var input = new PlanningInput(Warehouses.Values.ToArray(), items, [],
            items.Select(i => new LevelRow(Warehouses["S1"].Key, i.Key, 1, null)).ToArray(), ["Бестужевых", "Контейнер"]);

        var plan = ReplenishmentPlanner.Create(input);

        Assert.Equal([1000, 1000, 500], plan.Purchases.Select(p => p.Lines.Count));
        Assert.Equal([1, 2, 3], plan.Purchases.Select(p => p.Part));
        Assert.All(plan.Purchases, p => Assert.Equal(3, p.Parts));
        Assert.Equal(items.Select(i => i.Key).Order(), plan.Purchases.SelectMany(p => p.Lines).Select(l => l.ItemKey).Order());
    }

    [Fact]
    public void the_same_input_gives_the_same_plan()
    {
        var input = Input("S1 A 0; S2 A 1; S1 C 0; B A 4; K C 2.5", "S1 A 3; S2 A 3; S1 C 2; S2 C 1");
        Assert.Equal(Render(ReplenishmentPlanner.Create(input)), Render(ReplenishmentPlanner.Create(input)));
    }

    private static PlanningInput Input(string balances, string levels) => new(
        Warehouses.Values.ToArray(),
        Items.Values.ToArray(),
        Rows(balances).Select(r => new BalanceRow(Warehouses[r[0]].Key, Items[r[1]].Key, D(r[2]))).ToArray(),
        Rows(levels).Select(r =>
        {
            var range = r[2].Split("..");
            return new LevelRow(Warehouses[r[0]].Key, Items[r[1]].Key, D(range[0]), range.Length > 1 ? D(range[1]) : null);
        }).ToArray(),
        ["Бестужевых", "Контейнер"]);

    private static IEnumerable<string[]> Rows(string table) =>
        table.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(r => r.Split(' '));

    private static string Render(Plan plan) => string.Join(" | ", plan.Decisions.Select(d =>
    {
        var shop = Warehouses.First(w => w.Value.Key == d.WarehouseKey).Key;
        var item = Items.First(i => i.Value.Key == d.ItemKey).Key;
        if (d.Outcome == DecisionOutcome.Skipped) return $"{shop} {item}: skipped";
        var parts = d.FromDonors.Select(a => $"{Warehouses.First(w => w.Value.Key == a.DonorKey).Key} {Q(a.Quantity)}").ToList();
        if (d.ToPurchase > 0) parts.Add($"buy {Q(d.ToPurchase)}");
        return $"{shop} {item}: {string.Join(", ", parts)}";
    }));

    private static decimal D(string s) => decimal.Parse(s, CultureInfo.InvariantCulture);
    private static string Q(decimal d) => d.ToString("0.###", CultureInfo.InvariantCulture);
}
