using Hub.Simulators.Catalogue;

namespace Hub.Simulators.Tests.Catalogue;

public sealed class CatalogueTests
{
    private static readonly SimCatalogue Default = CatalogueGenerator.Generate(42, 300);

    [Fact]
    public void the_same_seed_gives_the_same_catalogue_and_another_seed_a_different_one()
    {
        var again = CatalogueGenerator.Generate(42, 300);
        var other = CatalogueGenerator.Generate(7, 300);

        // Characteristics are lists, compared by content rather than by reference.
        Assert.Equal(Default.Items.Select(i => i with { Characteristics = null }), again.Items.Select(i => i with { Characteristics = null }));
        Assert.Equal(Default.Characteristics, again.Characteristics);
        Assert.Equal(Default.Balances, again.Balances);
        Assert.Equal(Default.Norms, again.Norms);
        Assert.Equal(Default.Warehouses, again.Warehouses);
        Assert.NotEqual(Default.Items.Select(i => i.Name), other.Items.Select(i => i.Name));
    }

    [Fact]
    public void warehouses_are_two_donors_and_three_shops()
    {
        Assert.Equal(["Бестужевых", "Контейнер"], Default.Donors.Select(w => w.Name).ToArray());
        Assert.Equal(["Магазин Невский", "Магазин Московский", "Магазин Купчино"], Default.Recipients.Select(w => w.Name).ToArray());
    }

    [Fact]
    public void items_have_unique_russian_names_codes_articles_and_known_units()
    {
        Assert.Equal(300, Default.Items.Select(i => i.Name).Distinct().Count());
        Assert.Equal(300, Default.Items.Select(i => i.Article).Distinct().Count());
        Assert.Equal(300, Default.Items.Select(i => i.Code).Distinct().Count());
        Assert.All(Default.Items, i => Assert.Matches("[А-Яа-яЁё]", i.Name));
        Assert.All(Default.Items, i => Assert.Contains(i.Unit, new[] { "шт", "м", "кг" }));
    }

    [Theory]
    [InlineData(300)]
    [InlineData(40)]
    [InlineData(10)]
    public void shop_deficits_are_covered_by_donors_fully_partly_or_not_at_all_as_the_scenario_says(int itemCount)
    {
        var catalogue = CatalogueGenerator.Generate(42, itemCount);
        foreach (var item in catalogue.Items)
        foreach (var characteristic in Keys(item))
        {
            var (needAtMinimum, needAtMaximum) = Need(catalogue, item, characteristic);
            var surplus = Surplus(catalogue, item, characteristic);
            switch (item.Scenario)
            {
                case StockScenario.FullyCoverable:
                    Assert.True(needAtMinimum > 0 && surplus >= needAtMaximum, item.Name);
                    break;
                case StockScenario.PartlyCoverable:
                    Assert.True(needAtMinimum > 0 && surplus > 0 && surplus < needAtMinimum, item.Name);
                    break;
                case StockScenario.Uncoverable:
                    Assert.True(needAtMinimum > 0 && surplus == 0, item.Name);
                    break;
                case StockScenario.NegativeBalance:
                    Assert.True(needAtMinimum > 0, item.Name);
                    Assert.Contains(catalogue.Balances, b => b.ItemKey == item.RefKey && b.Quantity < 0);
                    break;
                case StockScenario.DonorSurplusOnly:
                    Assert.True(needAtMinimum == 0 && surplus > 0, item.Name);
                    break;
                default:
                    Assert.Equal(0, needAtMinimum);
                    break;
            }
        }

        foreach (var scenario in Enum.GetValues<StockScenario>())
        {
            Assert.Contains(catalogue.Items, i => i.Scenario == scenario);
        }
    }

    [Fact]
    public void moysklad_products_point_back_to_1c_items_through_external_code_ids()
    {
        Assert.Equal(300, Default.Items.Select(i => i.ProductId).Distinct().Count());
        Assert.All(Default.Items, i => Assert.Same(i, Default.FindProduct(i.ProductId)));
        Assert.All(Default.Items, i => Assert.NotEqual(i.RefKey, i.ProductId));
    }

    // Per characteristic where the item has them; the scenario holds for each of them on free stock (ВНаличии − КОтгрузке).
    private static IEnumerable<Guid> Keys(CatalogueItem item) => item.UsesCharacteristics ? item.Variants.Select(v => v.RefKey) : [Guid.Empty];

    private static (decimal AtMinimum, decimal AtMaximum) Need(SimCatalogue catalogue, CatalogueItem item, Guid characteristic)
    {
        decimal atMinimum = 0, atMaximum = 0;
        foreach (var shop in catalogue.Recipients)
        {
            var norm = catalogue.NormOf(shop.RefKey, item.RefKey, characteristic);
            var free = catalogue.FreeOf(shop.RefKey, item.RefKey, characteristic);
            if (norm is null || free >= norm.Minimum) continue;
            atMinimum += norm.Minimum - free;
            atMaximum += norm.Maximum - free;
        }

        return (atMinimum, atMaximum);
    }

    private static decimal Surplus(SimCatalogue catalogue, CatalogueItem item, Guid characteristic) =>
        catalogue.Donors.Sum(donor =>
            Math.Max(0, catalogue.FreeOf(donor.RefKey, item.RefKey, characteristic) - (catalogue.NormOf(donor.RefKey, item.RefKey, characteristic)?.Minimum ?? 0)));

    [Fact]
    public void extra_shops_are_recipients_with_names_of_their_own_and_the_donors_stay_two()
    {
        var catalogue = CatalogueGenerator.Generate(42, 20, extraShops: 50);
        Assert.Equal(53, catalogue.Recipients.Count());
        Assert.Equal(53, catalogue.Recipients.Select(r => r.Name).Distinct().Count());
        Assert.Contains(catalogue.Recipients, r => r.Name == "Магазин №53");
        Assert.Equal(2, catalogue.Donors.Count());
    }
}
