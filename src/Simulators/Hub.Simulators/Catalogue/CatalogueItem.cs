namespace Hub.Simulators.Catalogue;

// ProductId is МойСклад's id; МойСклад's externalCode carries RefKey, which is how the two are matched.
public sealed record CatalogueItem(
    Guid RefKey,
    Guid ProductId,
    string Name,
    string Code,
    string Article,
    string Unit,
    long SalePriceKopecks,
    long BuyPriceKopecks,
    StockScenario Scenario);
