using Bogus;

namespace Hub.Simulators.Catalogue;

public static class CatalogueGenerator
{
    public static IReadOnlyList<string> DonorNames { get; } = ["Бестужевых", "Контейнер"];

    public static IReadOnlyList<string> RecipientNames { get; } = ["Магазин Невский", "Магазин Московский", "Магазин Купчино"];

    public static IReadOnlyList<string> PriorityNames { get; } = ["Высокий", "Средний", "Низкий"];

    /// <param name="extraShops">More recipient shops ("Магазин №4"...) beyond the three named ones, for runs of hundreds of orders.</param>
    /// <param name="extraOrganizations">More organizations in 1C beside "ООО Симулятор", as a group of companies has; the hub must then be told which one.</param>
    /// <param name="uncoverableShare">The share of items no donor covers (0.06 when null); taken before every other scenario.</param>
    public static SimCatalogue Generate(int seed, int itemCount, int extraShops = 0, int extraOrganizations = 0, double? uncoverableShare = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(itemCount);
        ArgumentOutOfRangeException.ThrowIfNegative(extraShops);
        ArgumentOutOfRangeException.ThrowIfNegative(extraOrganizations);
        // A private Randomizer instead of Bogus' global seed: several simulators may be generated in parallel by tests.
        var random = new Randomizer(seed);
        var faker = new Faker("ru") { Random = random };

        // Catalog_Склады is hierarchical: warehouses sit in groups, which 1C lists beside them.
        var wholesale = new CatalogFolder(random.Guid(), "Оптовые склады");
        var retail = new CatalogFolder(random.Guid(), "Розничные магазины");
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
                $"Санкт-Петербург, {faker.Address.StreetAddress()}",
                role == WarehouseRole.Donor ? wholesale.RefKey : retail.RefKey));
        }

        // Real bases keep an old warehouse under a donor's name, marked for deletion; it must never give anything.
        var deletedDonor = new Warehouse(DonorNames[0], WarehouseRole.Donor, random.Guid(), "", random.Guid(), "", "", wholesale.RefKey, DeletionMark: true);
        warehouses.Add(deletedDonor);

        var oneCOrganization = new LegalEntity(random.Guid(), "ООО Симулятор", "000000001", "7801000001");
        var otherOrganizations = Enumerable.Range(2, extraOrganizations)
            .Select(i => new LegalEntity(random.Guid(), $"ООО Симулятор {i}", $"{i:D9}", $"78010000{i:D2}")).ToArray();
        var moySkladOrganization = new LegalEntity(random.Guid(), "ООО Симулятор", "00001", "7801000001");
        var counterparty = new LegalEntity(random.Guid(), "Поставщик по умолчанию", "00001", "7802000002");
        var accountId = random.Guid();
        var priceTypeId = random.Guid();
        var currencyId = random.Guid();
        var uomIds = new Dictionary<string, Guid> { ["шт"] = random.Guid(), ["м"] = random.Guid(), ["кг"] = random.Guid() };
        var baseUnits = new Dictionary<string, UnitOfMeasure>
        {
            ["шт"] = new(random.Guid(), "шт", "Штука", Guid.Empty, 1, Guid.Empty),
            ["м"] = new(random.Guid(), "м", "Метр", Guid.Empty, 1, Guid.Empty),
            ["кг"] = new(random.Guid(), "кг", "Килограмм", Guid.Empty, 1, Guid.Empty),
        };
        var priorities = PriorityNames.Select((name, i) => new NamedReference(random.Guid(), name, $"{i + 1:D9}")).ToArray();

        var scenarios = AssignScenarios(random, itemCount, uncoverableShare);
        var folders = new Dictionary<string, CatalogFolder>();
        var items = GenerateItems(random, itemCount, scenarios, baseUnits, folders);
        var units = baseUnits.Values.Concat(Packages(random, items, baseUnits)).ToList();
        var deletedItems = DeletedDuplicates(random, items);
        var stock = new StockShaper(random, warehouses.Where(w => !w.DeletionMark).ToList());
        foreach (var item in items) stock.Shape(item);
        stock.AddNoise(items, random.Guid());
        stock.Stock(deletedDonor, items);

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
            uomIds,
            [wholesale, retail],
            folders.Values.ToList(),
            deletedItems,
            units,
            priorities,
            otherOrganizations);
    }

    // Some items are sold by the box as well: the package an order can be rounded to (issue: order packages).
    private static IEnumerable<UnitOfMeasure> Packages(Randomizer random, IReadOnlyList<CatalogueItem> items, IReadOnlyDictionary<string, UnitOfMeasure> baseUnits)
    {
        foreach (var item in items)
        {
            if (item.Unit != "шт" || random.Double() >= 0.2) continue;
            var factor = random.ArrayElement(new[] { 5, 6, 10, 12, 20 });
            yield return new UnitOfMeasure(random.Guid(), $"Коробка ({factor} шт)", $"Коробка ({factor} шт)", item.RefKey, factor, baseUnits["шт"].RefKey);
        }
    }

    // An item entered twice and the copy marked for deletion: it is listed, holds nothing and is never ordered.
    private static List<CatalogueItem> DeletedDuplicates(Randomizer random, IReadOnlyList<CatalogueItem> items) =>
        items.Where(_ => random.Double() < 0.02)
            .Select(i => i with { RefKey = random.Guid(), ProductId = random.Guid(), Code = i.Code + "Д", Characteristics = null, DeletionMark = true })
            .ToList();

    private static StockScenario[] AssignScenarios(Randomizer random, int count, double? uncoverableShare)
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

        if (uncoverableShare is { } share) Take(StockScenario.Uncoverable, Math.Clamp(share, 0, 1));
        Take(StockScenario.FullyCoverable, 0.12);
        Take(StockScenario.PartlyCoverable, 0.06);
        if (uncoverableShare is null) Take(StockScenario.Uncoverable, 0.06);
        Take(StockScenario.NegativeBalance, 0.02);
        Take(StockScenario.DonorSurplusOnly, 0.10);
        return scenarios;
    }

    private static readonly Dictionary<string, string> FolderNames = new()
    {
        ["КАБ"] = "Кабель и провод", ["ПРВ"] = "Кабель и провод", ["АВТ"] = "Электрика", ["РОЗ"] = "Электроустановочные изделия",
        ["ВЫК"] = "Электроустановочные изделия", ["ЛМП"] = "Свет", ["КРС"] = "Лакокрасочные материалы", ["СМС"] = "Сухие смеси",
        ["КЛЙ"] = "Сухие смеси", ["ШПК"] = "Сухие смеси", ["ТРБ"] = "Сантехника", ["КРН"] = "Сантехника", ["ГРМ"] = "Химия",
    };

    private static readonly Dictionary<string, string[]> CharacteristicNames = new()
    {
        ["КРС"] = ["белый", "RAL 9003 сигнальный белый", "RAL 7035 светло-серый", "RAL 1015 светлая слоновая кость", "база А", "база С"],
        ["РОЗ"] = ["белый", "чёрный", "бежевый", "антрацит", "алюминий"],
        ["ВЫК"] = ["белый", "чёрный", "бежевый", "антрацит", "алюминий"],
        ["ЛМП"] = ["2700K", "3000K", "4000K", "6500K"],
        ["ГРМ"] = ["белый", "прозрачный", "серый", "коричневый"],
    };

    private static List<CatalogueItem> GenerateItems(Randomizer random, int count, StockScenario[] scenarios,
        IReadOnlyDictionary<string, UnitOfMeasure> units, Dictionary<string, CatalogFolder> folders)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var articles = new HashSet<string>(StringComparer.Ordinal);
        var items = new List<CatalogueItem>(count);
        var withCharacteristics = ItemTemplates.All.Where(t => CharacteristicNames.ContainsKey(t.ArticlePrefix)).ToArray();
        var templates = ItemTemplates.All.ToArray();
        for (var i = 0; i < count; i++)
        {
            ItemTemplate template;
            string name;
            var attempts = 0;
            // Small catalogues (tests use 10-40 items) still hold one item kept by characteristic, in the middle.
            var forced = count >= 6 && i == count / 2;
            do
            {
                template = random.ArrayElement(forced ? withCharacteristics : templates);
                name = template.Name(random);
            }
            // A big catalogue runs out of distinct word combinations: after a few tries the name takes a variant number.
            while (!names.Add(name) && ++attempts < 8);

            if (attempts >= 8)
            {
                name = $"{name} исп. {i + 1}";
                names.Add(name);
            }

            string article;
            do article = $"{template.ArticlePrefix}-{random.Int(10000, 99999)}";
            while (!articles.Add(article));

            var sale = random.Int(template.MinPriceRub, template.MaxPriceRub) * 100L;
            var refKey = random.Guid();
            var folderName = FolderNames.GetValueOrDefault(template.ArticlePrefix, "Прочее");
            if (!folders.TryGetValue(folderName, out var folder)) folders[folderName] = folder = new CatalogFolder(random.Guid(), folderName);
            // Two in five items of the kinds that have them are kept by characteristic (a colour, a base, a light temperature).
            List<Characteristic>? characteristics = null;
            if (CharacteristicNames.TryGetValue(template.ArticlePrefix, out var variants) && (random.Double() < 0.4 || forced))
                characteristics = random.Shuffle(variants).Take(random.Int(2, 3))
                    .Select(v => new Characteristic(random.Guid(), refKey, v, random.Guid())).ToList();
            items.Add(new CatalogueItem(
                refKey,
                random.Guid(),
                name,
                $"00-{i + 1:D8}",
                article,
                template.Unit,
                sale,
                sale * 7 / 10,
                scenarios[i],
                units[template.Unit].RefKey,
                folder.RefKey,
                characteristics));
        }

        return items;
    }
}
