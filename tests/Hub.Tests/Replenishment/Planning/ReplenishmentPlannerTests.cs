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
