namespace Hub.Simulators.Catalogue;

public sealed class SimCatalogue
{
    private readonly Dictionary<(Guid Warehouse, Guid Item), decimal> balanceByKey;
    private readonly Dictionary<Guid, Warehouse> warehouseByKey;
    private readonly Dictionary<Guid, Warehouse> warehouseByStoreId;
    private readonly Dictionary<Guid, CatalogueItem> itemByKey;
    private readonly Dictionary<Guid, CatalogueItem> itemByProductId;
    private readonly Dictionary<(Guid Warehouse, Guid Item), StockNorm> normByKey;

    public SimCatalogue(
        int seed,
        IReadOnlyList<Warehouse> warehouses,
        IReadOnlyList<CatalogueItem> items,
        IReadOnlyList<StockBalance> balances,
        IReadOnlyList<StockNorm> norms,
        LegalEntity oneCOrganization,
        LegalEntity moySkladOrganization,
        LegalEntity moySkladCounterparty,
        Guid accountId,
        Guid priceTypeId,
        Guid currencyId,
        IReadOnlyDictionary<string, Guid> uomIds)
    {
        Seed = seed;
        Warehouses = warehouses;
        Items = items;
        Balances = balances;
        Norms = norms;
        OneCOrganization = oneCOrganization;
        MoySkladOrganization = moySkladOrganization;
        MoySkladCounterparty = moySkladCounterparty;
        AccountId = accountId;
        PriceTypeId = priceTypeId;
        CurrencyId = currencyId;
        UomIds = uomIds;
        balanceByKey = balances.ToDictionary(b => (b.WarehouseKey, b.ItemKey), b => b.Quantity);
        warehouseByKey = warehouses.ToDictionary(w => w.RefKey);
        warehouseByStoreId = warehouses.ToDictionary(w => w.StoreId);
        itemByKey = items.ToDictionary(i => i.RefKey);
        itemByProductId = items.ToDictionary(i => i.ProductId);
        normByKey = norms.ToDictionary(n => (n.WarehouseKey, n.ItemKey));
    }

    public int Seed { get; }

    public IReadOnlyList<Warehouse> Warehouses { get; }

    public IReadOnlyList<CatalogueItem> Items { get; }

    // Only non-zero balances are listed, as 1C's Balance virtual table omits zero rows.
    public IReadOnlyList<StockBalance> Balances { get; }

    public IReadOnlyList<StockNorm> Norms { get; }

    public LegalEntity OneCOrganization { get; }

    public LegalEntity MoySkladOrganization { get; }

    public LegalEntity MoySkladCounterparty { get; }

    public Guid AccountId { get; }

    public Guid PriceTypeId { get; }

    public Guid CurrencyId { get; }

    public IReadOnlyDictionary<string, Guid> UomIds { get; }

    public IEnumerable<Warehouse> Donors => Warehouses.Where(w => w.Role == WarehouseRole.Donor);

    public IEnumerable<Warehouse> Recipients => Warehouses.Where(w => w.Role == WarehouseRole.Recipient);

    public Warehouse Warehouse(string name) =>
        Warehouses.FirstOrDefault(w => w.Name == name) ?? throw new KeyNotFoundException($"No warehouse named '{name}'.");

    public Warehouse? FindWarehouse(Guid refKey) => warehouseByKey.GetValueOrDefault(refKey);

    public Warehouse? FindStore(Guid storeId) => warehouseByStoreId.GetValueOrDefault(storeId);

    public CatalogueItem? FindItem(Guid refKey) => itemByKey.GetValueOrDefault(refKey);

    public CatalogueItem? FindProduct(Guid productId) => itemByProductId.GetValueOrDefault(productId);

    public decimal BalanceOf(Guid warehouseKey, Guid itemKey) => balanceByKey.GetValueOrDefault((warehouseKey, itemKey));

    public StockNorm? NormOf(Guid warehouseKey, Guid itemKey) => normByKey.GetValueOrDefault((warehouseKey, itemKey));
}
