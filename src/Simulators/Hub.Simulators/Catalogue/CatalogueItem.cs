namespace Hub.Simulators.Catalogue;

// ProductId is МойСклад's id; МойСклад's externalCode carries RefKey, which is how the two are matched.
// An item with characteristics keeps its balances and norms per characteristic, never for the bare item.
public sealed record CatalogueItem(
    Guid RefKey,
    Guid ProductId,
    string Name,
    string Code,
    string Article,
    string Unit,
    long SalePriceKopecks,
    long BuyPriceKopecks,
    StockScenario Scenario,
    Guid UnitKey = default,
    Guid ParentKey = default,
    IReadOnlyList<Characteristic>? Characteristics = null,
    bool DeletionMark = false)
{
    public IReadOnlyList<Characteristic> Variants => Characteristics ?? [];

    public bool UsesCharacteristics => Variants.Count > 0;

    /// <summary>The enum value 1C publishes in ИспользованиеХарактеристик.</summary>
    public string CharacteristicsUse => UsesCharacteristics ? "ИндивидуальныеДляНоменклатуры" : "НеИспользовать";
}
