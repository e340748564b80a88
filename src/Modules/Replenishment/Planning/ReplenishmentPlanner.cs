using System.Globalization;

namespace Hub.Replenishment.Planning;

/// <summary>
/// Turns balances and minimum levels into decisions and orders, per warehouse × item × characteristic. Pure: the same input gives the same plan,
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
    public const string UnknownItem = "minimum level for an item 1C did not list as in use (deleted or a group)";
    public const string OutsideFilter = "outside the run's warehouse filter";
    public const string CoveredOnItsWay = "below the minimum, covered by what is on its way";

    /// <summary>A shelf: one item with one characteristic (empty for an item without them) at one warehouse.</summary>
    private readonly record struct Shelf(Guid Warehouse, Guid Item, Guid Characteristic);

    /// <summary>A stock position of an item and characteristic, wherever it is.</summary>
    private readonly record struct Sku(Guid Item, Guid Characteristic);

    public static Plan Create(PlanningInput input)
    {
        var warnings = new List<string>();
        var parts = new List<PlanWarning>();
        // Each warning is kept as a sentence and in its parts, side by side.
        void Warn(string text, PlanWarningCode code, params object[] values)
        {
            warnings.Add(text);
            parts.Add(new PlanWarning(code, values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "").ToArray()));
        }
        var skipped = new Dictionary<string, int>();
        void Skip(string reason) => skipped[reason] = skipped.GetValueOrDefault(reason) + 1;

        var warehouses = input.Warehouses.GroupBy(w => w.Key).ToDictionary(g => g.Key, g => g.First());
        var items = input.Items.GroupBy(i => i.Key).ToDictionary(g => g.Key, g => g.First());
        var characteristics = input.Characteristics ?? new Dictionary<Guid, string>();
        var donors = ResolveDonors(input.DonorNames, warehouses.Values, Warn);

        // Register rows may be split by dimensions the hub does not read (series, purpose, premises): they add up.
        var balances = new Dictionary<Shelf, (decimal OnHand, decimal ToShip)>();
        foreach (var b in input.Balances)
        {
            var shelf = new Shelf(b.WarehouseKey, b.ItemKey, b.CharacteristicKey);
            var (onHand, toShip) = balances.GetValueOrDefault(shelf);
            balances[shelf] = (onHand + b.Quantity, toShip + b.ToShip);
        }

        var repeatedBalances = input.Balances.Count - balances.Count;
        if (repeatedBalances > 0)
            Warn($"{repeatedBalances} balance rows repeated a warehouse, item and characteristic; their quantities were added up.", PlanWarningCode.RepeatedBalances, repeatedBalances);

        var levels = MergeLevels(input.Levels, Warn);

        var onItsWay = new Dictionary<Shelf, List<OnItsWayRow>>();
        foreach (var row in input.OnItsWay.Where(r => r.Quantity > 0))
        {
            var shelf = new Shelf(row.WarehouseKey, row.ItemKey, row.CharacteristicKey);
            if (!onItsWay.TryGetValue(shelf, out var rows)) onItsWay[shelf] = rows = [];
            rows.Add(row);
        }

        var promised = input.Promised.Where(p => p.Quantity > 0).GroupBy(p => new Shelf(p.DonorKey, p.ItemKey, p.CharacteristicKey))
            .ToDictionary(g => g.Key, g => g.Sum(p => p.Quantity));

        // A donor gives only free stock (on hand less what is promised to shipments and other orders, and less what the
        // hub's own open orders already take) above its own minimum.
        var surplus = new Dictionary<(Guid Donor, Sku Sku), decimal>();
        var donorKeys = donors.Select(d => d.Key).ToHashSet();
        foreach (var (shelf, (onHand, toShip)) in balances)
        {
            if (!donorKeys.Contains(shelf.Warehouse)) continue;
            var own = levels.TryGetValue(shelf, out var level) ? level.Minimum : 0m;
            var spare = onHand - toShip - promised.GetValueOrDefault(shelf) - Math.Max(own, 0m);
            if (spare > 0) surplus[(shelf.Warehouse, new Sku(shelf.Item, shelf.Characteristic))] = spare;
        }

        if (input.OnlyWarehouse is { } only && !warehouses.ContainsKey(only))
            Warn($"Warehouse {only} is not among the warehouses 1C listed; nothing was planned.", PlanWarningCode.WarehouseNotListed, only);

        var decisions = new List<Decision>();
        var recipientLevels = levels.Values
            .Where(l =>
            {
                if (!warehouses.ContainsKey(l.WarehouseKey)) { Skip(UnknownWarehouse); return false; }
                if (input.OnlyWarehouse is { } filter && l.WarehouseKey != filter) { Skip(OutsideFilter); return false; }
                // An item marked for deletion or a group is never ordered, whatever norm is left behind for it.
                if (!items.ContainsKey(l.ItemKey)) { Skip(UnknownItem); return false; }
                return true;
            })
            .OrderBy(l => warehouses[l.WarehouseKey].Name, StringComparer.Ordinal)
            .ThenBy(l => items[l.ItemKey].Name, StringComparer.Ordinal)
            .ThenBy(l => l.ItemKey)
            .ThenBy(l => characteristics.GetValueOrDefault(l.CharacteristicKey, ""), StringComparer.Ordinal)
            .ThenBy(l => l.CharacteristicKey);

        foreach (var level in recipientLevels)
        {
            var shelf = new Shelf(level.WarehouseKey, level.ItemKey, level.CharacteristicKey);
            var (onHand, toShip) = balances.GetValueOrDefault(shelf);
            if (onHand - toShip >= level.Minimum)
            {
                Skip(AtOrAboveMinimum);
                continue;
            }

            var coming = onItsWay.GetValueOrDefault(shelf) ?? [];
            if (coming.Count > 0 && Math.Max(onHand - toShip, 0m) + coming.Sum(r => r.Quantity) >= level.Minimum)
            {
                // Ordered before and not arrived yet: ordering again is how a shop gets everything twice.
                Skip(CoveredOnItsWay);
                continue;
            }

            var recipient = warehouses[level.WarehouseKey];
            var package = level.PackageKey != Guid.Empty && input.Packages.TryGetValue(level.PackageKey, out var p) && p.Factor > 1 ? p : null;
            decisions.Add(Decide(recipient, items[level.ItemKey], level.CharacteristicKey, CharacteristicName(characteristics, level.CharacteristicKey),
                onHand, toShip, coming, package, level, donors, surplus));
        }

        if (skipped.TryGetValue(UnknownItem, out var unknownItems))
            Warn($"{unknownItems} minimum levels name items 1C does not list as in use (marked for deletion, or groups); they were not planned.", PlanWarningCode.ItemsNotInUse, unknownItems);

        return new Plan(decisions, Transfers(decisions), Purchases(decisions, Math.Max(1, input.MaxPurchasePositions)), skipped, warnings) { WarningParts = parts };
    }

    private static string? CharacteristicName(IReadOnlyDictionary<Guid, string> names, Guid key) =>
        key == Guid.Empty ? null : names.TryGetValue(key, out var name) ? name : key.ToString();

    private static Decision Decide(WarehouseRow recipient, ItemRow item, Guid characteristic, string? characteristicName, decimal onHand, decimal toShip,
        IReadOnlyList<OnItsWayRow> coming, PackageRow? package, LevelRow level, IReadOnlyList<WarehouseRow> donors,
        Dictionary<(Guid Donor, Sku Sku), decimal> surplus)
    {
        var free = onHand - toShip;
        var onWay = coming.Sum(r => r.Quantity);
        var stock = toShip > 0 ? $"free stock {Q(free)} ({Q(onHand)} on hand − {Q(toShip)} to ship)" : $"balance {Q(onHand)}";
        var way = onWay > 0 ? $" + {Q(onWay)} on its way ({string.Join(", ", coming.GroupBy(r => r.Source).Select(g => $"{Q(g.Sum(r => r.Quantity))} {g.Key}"))})" : "";
        var reason = new List<string> { $"{stock}{way} < minimum {Q(level.Minimum)}" };
        // The same reasoning in parts (a code, its numbers and names) beside the sentence, for pages in other languages.
        var sources = coming.GroupBy(r => r.Source).Select(g => (Source: g.Key, Quantity: g.Sum(r => r.Quantity))).ToArray();
        var steps = new List<ReasonStep>
        {
            new(ReasonCode.BelowMinimum, [onHand, toShip, onWay, level.Minimum, .. sources.Select(x => x.Quantity)], [.. sources.Select(x => x.Source)]),
        };
        // A negative balance is an accounting gap in 1C, not stock that could be owed back: the shelf holds nothing.
        var onShelf = Math.Max(free, 0m);
        if (free < 0)
        {
            reason.Add(toShip > 0 ? "negative free stock counted as 0" : "negative balance counted as 0");
            steps.Add(new(ReasonCode.NegativeCountedAsZero, [toShip], []));
        }
        var target = Math.Max(level.Maximum ?? level.Minimum, level.Minimum);
        var needed = target - onShelf - onWay;
        reason.Add(level.Maximum is { } max && max > level.Minimum ? $"{Q(needed)} to reach the maximum {Q(max)}" : $"{Q(needed)} to reach the minimum");
        steps.Add(level.Maximum is { } top && top > level.Minimum ? new(ReasonCode.ToReachMaximum, [needed, top], []) : new(ReasonCode.ToReachMinimum, [needed], []));
        var sku = new Sku(item.Key, characteristic);
        var left = needed;
        var given = new List<Allocation>();
        foreach (var donor in donors)
        {
            if (left <= 0) break;
            if (donor.Key == recipient.Key) continue;
            var spare = surplus.GetValueOrDefault((donor.Key, sku));
            if (spare <= 0) continue;
            var take = Math.Min(spare, left);
            surplus[(donor.Key, sku)] = spare - take;
            left -= take;
            given.Add(new Allocation(donor.Key, donor.Name, take));
            reason.Add($"{donor.Name} gives {Q(take)} of its surplus {Q(spare)}");
            steps.Add(new(ReasonCode.DonorGives, [take, spare], [donor.Name]));
        }

        // A purchase is whole packages where the norm names one, never less than the need; what donors give of their own
        // stock is moved as it is, unit by unit.
        if (package is not null && left > 0 && RoundUp(left, package.Factor) is var boxes && boxes != left)
        {
            reason.Add($"{Q(left)} to buy rounded up to {Q(boxes)}, whole packages \"{package.Name}\" of {Q(package.Factor)}");
            steps.Add(new(ReasonCode.RoundedUpToPackages, [left, boxes, package.Factor], [package.Name]));
            left = boxes;
        }

        DecisionOutcome outcome;
        if (needed <= 0)
        {
            outcome = DecisionOutcome.Skipped;
            reason.Add("nothing to order");
            steps.Add(new(ReasonCode.NothingToOrder, [], []));
        }
        else if (left <= 0) outcome = DecisionOutcome.Transfer;
        else
        {
            outcome = given.Count > 0 ? DecisionOutcome.TransferAndPurchase : DecisionOutcome.Purchase;
            reason.Add(given.Count > 0 ? $"{Q(left)} more to buy" : $"no donor has surplus; {Q(left)} to buy");
            steps.Add(new(given.Count > 0 ? ReasonCode.MoreToBuy : ReasonCode.NoDonorSurplus, [left], []));
        }

        return new Decision(recipient.Key, recipient.Name, item.Key, item.Name, item.Unit, onHand, level.Minimum, level.Maximum,
            Math.Max(needed, 0m), given, Math.Max(left, 0m), outcome, string.Join("; ", reason))
        {
            CharacteristicKey = characteristic, CharacteristicName = characteristicName, ToShip = toShip, OnItsWay = onWay, Package = package?.Name, ReasonSteps = steps,
        };
    }

    private static decimal RoundUp(decimal quantity, decimal factor) => Math.Ceiling(quantity / factor) * factor;

    private static IReadOnlyList<WarehouseRow> ResolveDonors(IReadOnlyList<string> names, IEnumerable<WarehouseRow> warehouses, Action<string, PlanWarningCode, object[]> warn)
    {
        var byName = warehouses.ToLookup(w => w.Name.Trim(), StringComparer.OrdinalIgnoreCase);
        var donors = new List<WarehouseRow>();
        foreach (var name in names.Select(n => n.Trim()).Where(n => n.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var found = byName[name].ToArray();
            if (found.Length == 0)
            {
                warn($"Donor warehouse \"{name}\" is not among the warehouses 1C listed; it gives nothing.", PlanWarningCode.DonorNotListed, [name]);
                continue;
            }

            if (found.Length > 1)
                warn($"{found.Length} warehouses in 1C are named \"{name}\"; the first ({found[0].Key}) is the donor.", PlanWarningCode.DonorNameRepeated, [found.Length, name, found[0].Key]);
            donors.Add(found[0]);
        }

        return donors;
    }

    private static Dictionary<Shelf, LevelRow> MergeLevels(IReadOnlyList<LevelRow> rows, Action<string, PlanWarningCode, object[]> warn)
    {
        var merged = new Dictionary<Shelf, LevelRow>();
        var conflicts = 0;
        foreach (var row in rows)
        {
            var key = new Shelf(row.WarehouseKey, row.ItemKey, row.CharacteristicKey);
            if (!merged.TryGetValue(key, out var seen))
            {
                merged[key] = row;
                continue;
            }

            if (seen == row) continue;
            conflicts++;
            // Two norms for one shelf: the higher one is the safer promise to the shop.
            merged[key] = row with
            {
                Minimum = Math.Max(seen.Minimum, row.Minimum),
                Maximum = seen.Maximum is null && row.Maximum is null ? null : Math.Max(seen.Maximum ?? 0m, row.Maximum ?? 0m),
                PackageKey = seen.PackageKey != Guid.Empty ? seen.PackageKey : row.PackageKey,
            };
        }

        if (conflicts > 0)
            warn($"{conflicts} minimum levels were given twice with different values; the higher one was used.", PlanWarningCode.LevelsGivenTwice, [conflicts]);
        return merged;
    }

    private static List<PlannedTransfer> Transfers(IEnumerable<Decision> decisions) =>
        decisions
            .SelectMany(d => d.FromDonors.Select(a => (Decision: d, Allocation: a)))
            .GroupBy(x => (x.Allocation.DonorKey, x.Decision.WarehouseKey))
            .Select(g => new PlannedTransfer(g.Key.DonorKey, g.First().Allocation.DonorName, g.Key.WarehouseKey, g.First().Decision.WarehouseName,
                g.Select(x => Line(x.Decision, x.Allocation.Quantity)).ToArray()))
            .ToList();

    private static List<PlannedPurchase> Purchases(IEnumerable<Decision> decisions, int maxPositions) =>
        decisions
            .Where(d => d.ToPurchase > 0)
            .GroupBy(d => d.WarehouseKey)
            .SelectMany(g =>
            {
                var chunks = g.Select(d => Line(d, d.ToPurchase)).Chunk(maxPositions).ToArray();
                return chunks.Select((lines, i) => new PlannedPurchase(g.Key, g.First().WarehouseName, lines) { Part = i + 1, Parts = chunks.Length });
            })
            .ToList();

    private static PlannedLine Line(Decision d, decimal quantity) =>
        new(d.ItemKey, d.ItemName, d.Unit, quantity) { CharacteristicKey = d.CharacteristicKey, CharacteristicName = d.CharacteristicName };

    private static string Q(decimal value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
