using Bogus;

namespace Hub.Simulators.Catalogue;

// Builds balances and norms per item (per characteristic where the item has them) so that each scenario holds
// whatever the hub's exact rule is: "covered" items have donor surplus above even the recipients' maximum, "partly"
// ones below even their minimum. The shaped quantity is free stock (ВНаличии − КОтгрузке); some rows carry a
// КОтгрузке on top, so a client that reads ВНаличии alone sees more than there is to give.
public sealed class StockShaper(Randomizer random, IReadOnlyList<Warehouse> warehouses)
{
    private Guid characteristic;

    private readonly List<StockBalance> balances = [];
    private readonly List<StockNorm> norms = [];
    private readonly Warehouse[] donors = warehouses.Where(w => w.Role == WarehouseRole.Donor).ToArray();
    private readonly Warehouse[] recipients = warehouses.Where(w => w.Role == WarehouseRole.Recipient).ToArray();

    public IReadOnlyList<StockBalance> Balances => balances;

    public IReadOnlyList<StockNorm> Norms => norms;

    public void Shape(CatalogueItem item)
    {
        if (!item.UsesCharacteristics)
        {
            ShapeOne(item, Guid.Empty);
            return;
        }

        foreach (var variant in item.Variants) ShapeOne(item, variant.RefKey);
    }

    /// <summary>
    /// Register rows real bases also hold: a grouping row per shop (no item), and "order to order" norms far above
    /// the balance, which min/max replenishment must not read as deficits.
    /// </summary>
    public void AddNoise(IReadOnlyList<CatalogueItem> items, Guid groupingKey)
    {
        foreach (var shop in recipients)
            norms.Add(new StockNorm(shop.RefKey, Guid.Empty, 1000, 5000, Method: StockNorm.MinMax, IsGrouping: true, GroupingKey: groupingKey));
        var normed = norms.Select(n => (n.WarehouseKey, n.ItemKey)).ToHashSet();
        var free = items.Where(i => !i.UsesCharacteristics)
            .SelectMany(i => recipients.Select(shop => (Item: i, Shop: shop)))
            .Where(x => !normed.Contains((x.Shop.RefKey, x.Item.RefKey)))
            .ToList();
        // One in twenty free shelves, and at least one in any catalogue, so every test base has such a row.
        var chosen = free.Where(_ => random.Double() < 0.05).ToList();
        if (chosen.Count == 0 && free.Count > 0) chosen.Add(free[0]);
        foreach (var (item, shop) in chosen) norms.Add(new StockNorm(shop.RefKey, item.RefKey, 500, 1000, Method: "ЗаказПодЗаказ"));
    }

    /// <summary>A warehouse marked for deletion that still holds plenty: a client that takes it for a donor gives it away.</summary>
    public void Stock(Warehouse deleted, IReadOnlyList<CatalogueItem> items)
    {
        foreach (var item in items)
        foreach (var key in item.UsesCharacteristics ? item.Variants.Select(v => v.RefKey) : [Guid.Empty])
            balances.Add(new StockBalance(deleted.RefKey, item.RefKey, 1000, key));
    }

    private void ShapeOne(CatalogueItem item, Guid characteristicKey)
    {
        characteristic = characteristicKey;
        // Cable is sold by the metre, so its quantities are an order of magnitude larger.
        var scale = item.Unit == "м" ? 10 : 1;
        var fractional = item.Unit != "шт";
        switch (item.Scenario)
        {
            case StockScenario.Normal:
                foreach (var shop in recipients) HealthyShop(item, shop, scale, fractional, random.Double() < 0.7);
                foreach (var donor in donors) DonorNearMinimum(item, donor, scale);
                break;
            case StockScenario.DonorSurplusOnly:
                foreach (var shop in recipients) HealthyShop(item, shop, scale, fractional, true);
                foreach (var donor in donors)
                {
                    var minimum = DonorNorm(item, donor, scale);
                    var surplus = (decimal)random.Int(10, 100) * scale + (fractional && random.Bool() ? 0.5m : 0m);
                    SetBalance(donor, item, minimum + surplus);
                }

                break;
            case StockScenario.FullyCoverable:
            {
                var needAtMaximum = DeficitShops(item, scale).Sum(d => d.Maximum - d.Balance);
                SpreadOverDonors(item, scale, needAtMaximum + random.Int(0, 20) * scale);
                break;
            }

            case StockScenario.PartlyCoverable:
            {
                var needAtMinimum = DeficitShops(item, scale).Sum(d => d.Minimum - d.Balance);
                SpreadOverDonors(item, scale, random.Int(1, (int)needAtMinimum - 1));
                break;
            }

            case StockScenario.Uncoverable:
                DeficitShops(item, scale);
                foreach (var donor in donors)
                {
                    var minimum = DonorNorm(item, donor, scale);
                    SetBalance(donor, item, minimum > 0 ? random.Int(0, (int)minimum) : 0);
                }

                break;
            case StockScenario.NegativeBalance:
            {
                var negativeShop = random.ArrayElement(recipients);
                foreach (var shop in recipients)
                {
                    if (shop != negativeShop)
                    {
                        HealthyShop(item, shop, scale, fractional, random.Bool());
                        continue;
                    }

                    var (minimum, maximum) = NewNorm(scale, 2);
                    AddNorm(shop, item, minimum, maximum);
                    SetBalance(shop, item, -random.Int(1, 5) * scale);
                }

                // A negative donor must never be read as surplus; the other donor may or may not help.
                var first = DonorNorm(item, donors[0], scale);
                SetBalance(donors[0], item, random.Bool() ? -random.Int(1, 3) : first);
                var second = DonorNorm(item, donors[^1], scale);
                SetBalance(donors[^1], item, second + random.Int(0, 30) * scale);
                break;
            }
        }
    }

    private List<(decimal Minimum, decimal Maximum, decimal Balance)> DeficitShops(CatalogueItem item, int scale)
    {
        var inDeficit = random.Int(1, recipients.Length);
        var deficitShops = random.Shuffle(recipients).Take(inDeficit).ToHashSet();
        var result = new List<(decimal, decimal, decimal)>();
        foreach (var shop in recipients)
        {
            if (!deficitShops.Contains(shop))
            {
                HealthyShop(item, shop, scale, false, random.Bool());
                continue;
            }

            // Minimum of at least 3 keeps two units of need, so a "partly" item can get 1..need-1.
            var (minimum, maximum) = NewNorm(scale, 3);
            AddNorm(shop, item, minimum, maximum);
            decimal balance = random.Int(0, (int)minimum - 2);
            SetBalance(shop, item, balance);
            result.Add((minimum, maximum, balance));
        }

        return result;
    }

    private void HealthyShop(CatalogueItem item, Warehouse shop, int scale, bool fractional, bool hasNorm)
    {
        if (!hasNorm)
        {
            SetBalance(shop, item, random.Int(0, 10) * scale);
            return;
        }

        var (minimum, maximum) = NewNorm(scale, 2);
        AddNorm(shop, item, minimum, maximum);
        decimal balance = random.Int((int)minimum, (int)maximum);
        if (fractional && balance < maximum && random.Bool()) balance += 0.5m;
        SetBalance(shop, item, balance);
    }

    private void DonorNearMinimum(CatalogueItem item, Warehouse donor, int scale)
    {
        var minimum = DonorNorm(item, donor, scale);
        SetBalance(donor, item, minimum > 0 ? random.Int((int)minimum / 2, (int)minimum) : random.Int(0, 5) * scale);
    }

    private void SpreadOverDonors(CatalogueItem item, int scale, decimal surplus)
    {
        var first = random.Bool() ? surplus : random.Int(0, (int)surplus);
        var shares = new[] { first, surplus - first };
        for (var i = 0; i < donors.Length; i++)
        {
            var minimum = DonorNorm(item, donors[i], scale);
            SetBalance(donors[i], item, minimum + (i < shares.Length ? shares[i] : 0));
        }
    }

    // Donors keep a minimum of their own for some items only; without a norm the whole balance is surplus.
    private decimal DonorNorm(CatalogueItem item, Warehouse donor, int scale)
    {
        if (random.Double() >= 0.6) return 0;
        var (minimum, maximum) = NewNorm(scale, 5);
        AddNorm(donor, item, minimum, maximum);
        return minimum;
    }

    private (decimal Minimum, decimal Maximum) NewNorm(int scale, int lowest)
    {
        decimal minimum = random.Int(lowest, 20) * scale;
        return (minimum, minimum * random.Int(2, 4));
    }

    private void AddNorm(Warehouse warehouse, CatalogueItem item, decimal minimum, decimal maximum) =>
        norms.Add(new StockNorm(warehouse.RefKey, item.RefKey, minimum, maximum, characteristic));

    private void SetBalance(Warehouse warehouse, CatalogueItem item, decimal free)
    {
        // A quarter of the stocked rows have goods promised to shipments: on hand is that much more than what is free.
        var toShip = free > 0 && random.Double() < 0.25 ? random.Int(1, 5) : 0;
        if (free != 0 || toShip != 0) balances.Add(new StockBalance(warehouse.RefKey, item.RefKey, free + toShip, characteristic, toShip));
    }
}
