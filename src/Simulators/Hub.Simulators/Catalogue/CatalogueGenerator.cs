using Bogus;

namespace Hub.Simulators.Catalogue;

public static class CatalogueGenerator
{
    public static IReadOnlyList<string> DonorNames { get; } = ["Бестужевых", "Контейнер"];

    public static IReadOnlyList<string> RecipientNames { get; } = ["Магазин Невский", "Магазин Московский", "Магазин Купчино"];

    /// <param name="extraShops">More recipient shops ("Магазин №4"...) beyond the three named ones, for runs of hundreds of orders.</param>
    public static SimCatalogue Generate(int seed, int itemCount, int extraShops = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(itemCount);
        ArgumentOutOfRangeException.ThrowIfNegative(extraShops);
        // A private Randomizer instead of Bogus' global seed: several simulators may be generated in parallel by tests.
        var random = new Randomizer(seed);
        var faker = new Faker("ru") { Random = random };

        var warehouses = new List<Warehouse>();
        foreach (var (name, role) in DonorNames.Select(n => (n, WarehouseRole.Donor))
                     .Concat(RecipientNames.Concat(Enumerable.Range(RecipientNames.Count + 1, extraShops).Select(i => $"Магазин №{i}"))
                         .Select(n => (n, WarehouseRole.Recipient))))
        {
            var number = warehouses.Count + 1;
            warehouses.Add(new Warehouse(
                name,
                role,
                random.Guid(),
                $"{number:D9}",
                random.Guid(),
                $"{number:D5}",
                $"Санкт-Петербург, {faker.Address.StreetAddress()}"));
        }

        var oneCOrganization = new LegalEntity(random.Guid(), "ООО Симулятор", "000000001", "7801000001");
        var moySkladOrganization = new LegalEntity(random.Guid(), "ООО Симулятор", "00001", "7801000001");
        var counterparty = new LegalEntity(random.Guid(), "Поставщик по умолчанию", "00001", "7802000002");
        var accountId = random.Guid();
        var priceTypeId = random.Guid();
        var currencyId = random.Guid();
        var uomIds = new Dictionary<string, Guid> { ["шт"] = random.Guid(), ["м"] = random.Guid(), ["кг"] = random.Guid() };

        var scenarios = AssignScenarios(random, itemCount);
        var items = GenerateItems(random, itemCount, scenarios);
        var stock = new StockShaper(random, warehouses);
        foreach (var item in items) stock.Shape(item);

        return new SimCatalogue(
            seed,
            warehouses,
            items,
            stock.Balances,
            stock.Norms,
            oneCOrganization,
            moySkladOrganization,
            counterparty,
            accountId,
            priceTypeId,
            currencyId,
            uomIds);
    }

    private static StockScenario[] AssignScenarios(Randomizer random, int count)
    {
        var scenarios = new StockScenario[count];
        var order = random.Shuffle(Enumerable.Range(0, count)).ToArray();
        var next = 0;
        void Take(StockScenario scenario, double share)
        {
            // Small catalogues (tests use 10-20 items) still get one item of every interesting kind.
            var wanted = count >= 6 ? Math.Max(1, (int)Math.Round(count * share)) : 0;
            for (var i = 0; i < wanted && next < count; i++) scenarios[order[next++]] = scenario;
        }

        Take(StockScenario.FullyCoverable, 0.12);
        Take(StockScenario.PartlyCoverable, 0.06);
        Take(StockScenario.Uncoverable, 0.06);
        Take(StockScenario.NegativeBalance, 0.02);
        Take(StockScenario.DonorSurplusOnly, 0.10);
        return scenarios;
    }

    private static List<CatalogueItem> GenerateItems(Randomizer random, int count, StockScenario[] scenarios)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var articles = new HashSet<string>(StringComparer.Ordinal);
        var items = new List<CatalogueItem>(count);
        for (var i = 0; i < count; i++)
        {
            ItemTemplate template;
            string name;
            var attempts = 0;
            do
            {
                template = random.ArrayElement(ItemTemplates.All.ToArray());
                name = template.Name(random);
            }
            while (!names.Add(name) && ++attempts < 50);

            if (attempts >= 50)
            {
                name = $"{name} исп. {i + 1}";
                names.Add(name);
            }

            string article;
            do article = $"{template.ArticlePrefix}-{random.Int(10000, 99999)}";
            while (!articles.Add(article));

            var sale = random.Int(template.MinPriceRub, template.MaxPriceRub) * 100L;
            items.Add(new CatalogueItem(
                random.Guid(),
                random.Guid(),
                name,
                $"00-{i + 1:D8}",
                article,
                template.Unit,
                sale,
                sale * 7 / 10,
                scenarios[i]));
        }

        return items;
    }
}
