using Hub.Integrations.References;

namespace Hub.Tests.Integrations.References;

public sealed class ClosestNamesTests
{
    private static readonly string[] Stores = ["Бестужевых", "Контейнер", "Магазин Невский", "Магазин Московский", "Магазин Купчино"];

    [Theory]
    [InlineData("Бестужева", "Бестужевых")]
    [InlineData("контейнер 2", "Контейнер")]
    [InlineData("Магазин Невскии", "Магазин Невский")]
    [InlineData("БЕСТУЖЕВЫХ", "Бестужевых")]
    public void a_typo_a_suffix_or_another_case_points_at_the_right_name_first(string wanted, string closest)
    {
        var names = ClosestNames.To(wanted, Stores);

        Assert.Equal(3, names.Count);
        Assert.Equal(closest, names[0]);
    }

    [Fact]
    public void with_no_name_configured_the_first_names_in_order_are_offered()
    {
        Assert.Equal(["Бестужевых", "Контейнер", "Магазин Купчино"], ClosestNames.To(" ", Stores));
    }

    [Fact]
    public void blank_and_repeated_names_are_offered_once_and_an_empty_system_offers_nothing()
    {
        Assert.Equal(["Склад"], ClosestNames.To("Склад 1", ["Склад", "", "Склад", "  "]));
        Assert.Empty(ClosestNames.To("Склад", []));
    }

    [Theory]
    [InlineData("", "", 0)]
    [InlineData("склад", "", 5)]
    [InlineData("склад", "склад", 0)]
    [InlineData("склад", "скалд", 2)]
    [InlineData("бестужева", "бестужевых", 2)]
    public void distance_counts_single_character_edits(string a, string b, int expected)
    {
        Assert.Equal(expected, ClosestNames.Distance(a, b));
        Assert.Equal(expected, ClosestNames.Distance(b, a));
    }
}
