using System.Globalization;

namespace Hub.Replenishment.Planning;

/// <summary>
/// Turns balances and minimum levels into decisions and orders. Pure: the same input gives the same plan,
/// so every rule is tested on tables of cases without 1C.
/// </summary>
/// <remarks>
/// Recipients are taken in name order, then items in name order; donors in the configured order. An earlier
/// recipient is served first when donors cannot cover everyone, and the order is stable from run to run.
/// </remarks>
public static class ReplenishmentPlanner
{
    public const string AtOrAboveMinimum = "balance at or above the minimum";
    public const string UnknownWarehouse = "minimum level for a warehouse 1C did not list";
    public const string OutsideFilter = "outside the run's warehouse filter";

    public static Plan Create(PlanningInput input)
    {
        var warnings = new List<string>();
        var skipped = new Dictionary<string, int>();
        void Skip(string reason) => skipped[reason] = skipped.GetValueOrDefault(reason) + 1;

        var warehouses = input.Warehouses.GroupBy(w => w.Key).ToDictionary(g => g.Key, g => g.First());
        var items = input.Items.GroupBy(i => i.Key).ToDictionary(g => g.Key, g => g.First());
        var donors = ResolveDonors(input.DonorNames, warehouses.Values, warnings);

        // Register rows may be split by dimensions the hub does not read (series, characteristics): they add up.
        var balances = new Dictionary<(Guid, Guid), decimal>();
        foreach (var b in input.Balances)
            balances[(b.WarehouseKey, b.ItemKey)] = balances.GetValueOrDefault((b.WarehouseKey, b.ItemKey)) + b.Quantity;
        var repeatedBalances = input.Balances.Count - balances.Count;
        if (repeatedBalances > 0)
            warnings.Add($"{repeatedBalances} balance rows repeated a warehouse and item; their quantities were added up.");

        var levels = MergeLevels(input.Levels, warnings);

        var surplus = new Dictionary<(Guid Donor, Guid Item), decimal>();
        foreach (var donor in donors)
        foreach (var ((warehouse, item), quantity) in balances)
        {
            if (warehouse != donor.Key) continue;
            var own = levels.TryGetValue((warehouse, item), out var level) ? level.Minimum : 0m;
            var spare = quantity - Math.Max(own, 0m);
            if (spare > 0) surplus[(warehouse, item)] = spare;
        }

        if (input.OnlyWarehouse is { } only && !warehouses.ContainsKey(only))
            warnings.Add($"Warehouse {only} is not among the warehouses 1C listed; nothing was planned.");

        var decisions = new List<Decision>();
        var recipientLevels = levels.Values
            .Where(l =>
            {
                if (!warehouses.ContainsKey(l.WarehouseKey)) { Skip(UnknownWarehouse); return false; }
                if (input.OnlyWarehouse is { } filter && l.WarehouseKey != filter) { Skip(OutsideFilter); return false; }
                return true;
            })
            .OrderBy(l => warehouses[l.WarehouseKey].Name, StringComparer.Ordinal)
            .ThenBy(l => items.TryGetValue(l.ItemKey, out var i) ? i.Name : l.ItemKey.ToString(), StringComparer.Ordinal)
            .ThenBy(l => l.ItemKey);

        foreach (var level in recipientLevels)
        {
            var balance = balances.GetValueOrDefault((level.WarehouseKey, level.ItemKey));
            if (balance >= level.Minimum)
            {
                Skip(AtOrAboveMinimum);
                continue;
            }

            var recipient = warehouses[level.WarehouseKey];
            var item = items.GetValueOrDefault(level.ItemKey) ?? new ItemRow(level.ItemKey, level.ItemKey.ToString(), null);
            decisions.Add(Decide(recipient, item, balance, level, donors, surplus));
        }

        if (!items.Keys.ToHashSet().IsSupersetOf(decisions.Select(d => d.ItemKey)))
            warnings.Add("Some items in deficit are not in 1C's item list; they are named by their key.");

        return new Plan(decisions, Transfers(decisions), Purchases(decisions), skipped, warnings);
    }

    private static Decision Decide(WarehouseRow recipient, ItemRow item, decimal balance, LevelRow level,
        IReadOnlyList<WarehouseRow> donors, Dictionary<(Guid Donor, Guid Item), decimal> surplus)
    {
        var reason = new List<string> { $"balance {Q(balance)} < minimum {Q(level.Minimum)}" };
        // A negative balance is an accounting gap in 1C, not stock that could be owed back: the shelf holds nothing.
        var onShelf = Math.Max(balance, 0m);
        if (balance < 0) reason.Add($"negative balance counted as 0");
        var target = Math.Max(level.Maximum ?? level.Minimum, level.Minimum);
        var needed = target - onShelf;
        reason.Add(level.Maximum is { } max && max > level.Minimum ? $"{Q(needed)} to reach the maximum {Q(max)}" : $"{Q(needed)} to reach the minimum");

        var left = needed;
        var given = new List<Allocation>();
        foreach (var donor in donors)
        {
            if (left <= 0) break;
            if (donor.Key == recipient.Key) continue;
            var spare = surplus.GetValueOrDefault((donor.Key, item.Key));
            if (spare <= 0) continue;
            var take = Math.Min(spare, left);
            surplus[(donor.Key, item.Key)] = spare - take;
            left -= take;
            given.Add(new Allocation(donor.Key, donor.Name, take));
            reason.Add($"{donor.Name} gives {Q(take)} of its surplus {Q(spare)}");
        }

        DecisionOutcome outcome;
        if (needed <= 0)
        {
            outcome = DecisionOutcome.Skipped;
            reason.Add("nothing to order");
        }
        else if (left <= 0) outcome = DecisionOutcome.Transfer;
        else
        {
            outcome = given.Count > 0 ? DecisionOutcome.TransferAndPurchase : DecisionOutcome.Purchase;
            reason.Add(given.Count > 0 ? $"{Q(left)} more to buy" : $"no donor has surplus; {Q(left)} to buy");
        }

        return new Decision(recipient.Key, recipient.Name, item.Key, item.Name, item.Unit, balance, level.Minimum, level.Maximum,
            Math.Max(needed, 0m), given, Math.Max(left, 0m), outcome, string.Join("; ", reason));
    }

    private static IReadOnlyList<WarehouseRow> ResolveDonors(IReadOnlyList<string> names, IEnumerable<WarehouseRow> warehouses, List<string> warnings)
    {
        var byName = warehouses.ToLookup(w => w.Name.Trim(), StringComparer.OrdinalIgnoreCase);
        var donors = new List<WarehouseRow>();
        foreach (var name in names.Select(n => n.Trim()).Where(n => n.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var found = byName[name].ToArray();
            if (found.Length == 0)
            {
                warnings.Add($"Donor warehouse \"{name}\" is not among the warehouses 1C listed; it gives nothing.");
                continue;
            }

            if (found.Length > 1)
                warnings.Add($"{found.Length} warehouses in 1C are named \"{name}\"; the first ({found[0].Key}) is the donor.");
            donors.Add(found[0]);
        }

        return donors;
    }

    private static Dictionary<(Guid, Guid), LevelRow> MergeLevels(IReadOnlyList<LevelRow> rows, List<string> warnings)
    {
        var merged = new Dictionary<(Guid, Guid), LevelRow>();
        var conflicts = 0;
        foreach (var row in rows)
        {
            var key = (row.WarehouseKey, row.ItemKey);
            if (!merged.TryGetValue(key, out var seen))
            {
                merged[key] = row;
                continue;
            }

            if (seen == row) continue;
            conflicts++;
            // Two norms for one shelf: the higher one is the safer promise to the shop.
            merged[key] = new LevelRow(row.WarehouseKey, row.ItemKey, Math.Max(seen.Minimum, row.Minimum),
                seen.Maximum is null && row.Maximum is null ? null : Math.Max(seen.Maximum ?? 0m, row.Maximum ?? 0m));
        }

        if (conflicts > 0)
            warnings.Add($"{conflicts} minimum levels were given twice with different values; the higher one was used.");
        return merged;
    }

    private static List<PlannedTransfer> Transfers(IEnumerable<Decision> decisions) =>
        decisions
            .SelectMany(d => d.FromDonors.Select(a => (Decision: d, Allocation: a)))
            .GroupBy(x => (x.Allocation.DonorKey, x.Decision.WarehouseKey))
            .Select(g => new PlannedTransfer(g.Key.DonorKey, g.First().Allocation.DonorName, g.Key.WarehouseKey, g.First().Decision.WarehouseName,
                g.Select(x => new PlannedLine(x.Decision.ItemKey, x.Decision.ItemName, x.Decision.Unit, x.Allocation.Quantity)).ToArray()))
            .ToList();

    private static List<PlannedPurchase> Purchases(IEnumerable<Decision> decisions) =>
        decisions
            .Where(d => d.ToPurchase > 0)
            .GroupBy(d => d.WarehouseKey)
            .Select(g => new PlannedPurchase(g.Key, g.First().WarehouseName,
                g.Select(d => new PlannedLine(d.ItemKey, d.ItemName, d.Unit, d.ToPurchase)).ToArray()))
            .ToList();

    private static string Q(decimal value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
