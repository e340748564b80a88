namespace Hub.Simulators.Catalogue;

/// <summary>
/// The reference data both simulated systems serve. Balances may change (goods received into a shop), everything
/// else is fixed for the simulator's life; <see cref="StockVersion"/> tells a cache when balances moved.
/// </summary>
public sealed class SimCatalogue
{
    private readonly Lock stockGate = new();
    private readonly Dictionary<Guid, Warehouse> warehouseByKey;
    private readonly Dictionary<Guid, Warehouse> warehouseByStoreId;
    private readonly Dictionary<Guid, CatalogueItem> itemByKey;
    private readonly Dictionary<Guid, CatalogueItem> itemByProductId;
    private readonly Dictionary<Guid, Characteristic> characteristicByKey;
    private readonly Dictionary<Guid, Characteristic> characteristicByVariantId;
    private readonly Dictionary<(Guid Warehouse, Guid Item, Guid Characteristic), StockNorm> normByKey;
    private List<StockBalance> balances;
    private readonly IReadOnlyList<StockBalance> initialBalances;

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
        IReadOnlyDictionary<string, Guid> uomIds,
        IReadOnlyList<CatalogFolder>? warehouseFolders = null,
        IReadOnlyList<CatalogFolder>? itemFolders = null,
        IReadOnlyList<CatalogueItem>? deletedItems = null,
        IReadOnlyList<UnitOfMeasure>? units = null,
        IReadOnlyList<NamedReference>? priorities = null,
        IReadOnlyList<LegalEntity>? otherOrganizations = null)
    {
        Seed = seed;
        Warehouses = warehouses;
        Items = items;
        this.balances = balances.ToList();
        initialBalances = balances.ToArray();
        Norms = norms;
        OneCOrganization = oneCOrganization;
        OneCOrganizations = [oneCOrganization, .. otherOrganizations ?? []];
        MoySkladOrganization = moySkladOrganization;
        MoySkladCounterparty = moySkladCounterparty;
        AccountId = accountId;
        PriceTypeId = priceTypeId;
        CurrencyId = currencyId;
        UomIds = uomIds;
        WarehouseFolders = warehouseFolders ?? [];
        ItemFolders = itemFolders ?? [];
        DeletedItems = deletedItems ?? [];
        Units = units ?? [];
        Priorities = priorities ?? [];
        warehouseByKey = warehouses.ToDictionary(w => w.RefKey);
        warehouseByStoreId = warehouses.Where(w => !w.DeletionMark).ToDictionary(w => w.StoreId);
        itemByKey = items.Concat(DeletedItems).ToDictionary(i => i.RefKey);
        itemByProductId = items.ToDictionary(i => i.ProductId);
        characteristicByKey = items.SelectMany(i => i.Variants).ToDictionary(c => c.RefKey);
        characteristicByVariantId = items.SelectMany(i => i.Variants).ToDictionary(c => c.VariantId);
        normByKey = norms.Where(n => n.IsItemNorm).ToDictionary(n => (n.WarehouseKey, n.ItemKey, n.CharacteristicKey));
    }

    public int Seed { get; }

    /// <summary>Every element of Catalog_Склады, those marked for deletion included (folders are in <see cref="WarehouseFolders"/>).</summary>
    public IReadOnlyList<Warehouse> Warehouses { get; }

    public IReadOnlyList<CatalogFolder> WarehouseFolders { get; }

    /// <summary>The items in use; <see cref="DeletedItems"/> and <see cref="ItemFolders"/> are listed by 1C beside them.</summary>
    public IReadOnlyList<CatalogueItem> Items { get; }

    public IReadOnlyList<CatalogueItem> DeletedItems { get; }

    public IReadOnlyList<CatalogFolder> ItemFolders { get; }

    public IReadOnlyList<UnitOfMeasure> Units { get; }

    public IReadOnlyList<NamedReference> Priorities { get; }

    public IEnumerable<Characteristic> Characteristics => Items.SelectMany(i => i.Variants);

    /// <summary>Only non-zero balances are listed, as 1C's Balance virtual table omits zero rows.</summary>
    public IReadOnlyList<StockBalance> Balances
    {
        get { lock (stockGate) return balances.ToArray(); }
    }

    /// <summary>Grows each time balances change, so the Balance table's cache knows when to recompute.</summary>
    public long StockVersion { get; private set; }

    /// <summary>Every record of the norms register, grouping rows and other methods included.</summary>
    public IReadOnlyList<StockNorm> Norms { get; }

    public LegalEntity OneCOrganization { get; }

    public IReadOnlyList<LegalEntity> OneCOrganizations { get; }

    public LegalEntity MoySkladOrganization { get; }

    public LegalEntity MoySkladCounterparty { get; }

    public Guid AccountId { get; }

    public Guid PriceTypeId { get; }

    public Guid CurrencyId { get; }

    public IReadOnlyDictionary<string, Guid> UomIds { get; }

    /// <summary>The warehouses МойСклад knows as stores: those in use (a duplicate marked for deletion in 1C was never carried over).</summary>
    public IEnumerable<Warehouse> Stores => Warehouses.Where(w => !w.DeletionMark);

    public IEnumerable<Warehouse> Donors => Warehouses.Where(w => w.Role == WarehouseRole.Donor && !w.DeletionMark);

    public IEnumerable<Warehouse> Recipients => Warehouses.Where(w => w.Role == WarehouseRole.Recipient && !w.DeletionMark);

    /// <summary>The warehouse in use with this name; a deleted duplicate never answers to it.</summary>
    public Warehouse Warehouse(string name) =>
        Warehouses.FirstOrDefault(w => w.Name == name && !w.DeletionMark) ?? throw new KeyNotFoundException($"No warehouse named '{name}'.");

    public Warehouse? FindWarehouse(Guid refKey) => warehouseByKey.GetValueOrDefault(refKey);

    public CatalogFolder? FindWarehouseFolder(Guid refKey) => WarehouseFolders.FirstOrDefault(f => f.RefKey == refKey);

    public Warehouse? FindStore(Guid storeId) => warehouseByStoreId.GetValueOrDefault(storeId);

    public CatalogueItem? FindItem(Guid refKey) => itemByKey.GetValueOrDefault(refKey);

    public CatalogueItem? FindProduct(Guid productId) => itemByProductId.GetValueOrDefault(productId);

    public Characteristic? FindCharacteristic(Guid refKey) => characteristicByKey.GetValueOrDefault(refKey);

    public Characteristic? FindVariant(Guid variantId) => characteristicByVariantId.GetValueOrDefault(variantId);

    public UnitOfMeasure? FindUnit(Guid refKey) => Units.FirstOrDefault(u => u.RefKey == refKey);

    public LegalEntity? FindOrganization(Guid refKey) => OneCOrganizations.FirstOrDefault(o => o.Id == refKey);

    public NamedReference? FindPriority(Guid refKey) => Priorities.FirstOrDefault(p => p.RefKey == refKey);

    /// <summary>ВНаличии of an item at a warehouse, all its characteristics together.</summary>
    public decimal BalanceOf(Guid warehouseKey, Guid itemKey)
    {
        lock (stockGate) return balances.Where(b => b.WarehouseKey == warehouseKey && b.ItemKey == itemKey).Sum(b => b.Quantity);
    }

    /// <summary>ВНаличии − КОтгрузке of one item and characteristic at a warehouse: what is free there.</summary>
    public decimal FreeOf(Guid warehouseKey, Guid itemKey, Guid characteristicKey = default)
    {
        lock (stockGate)
            return balances.Where(b => b.WarehouseKey == warehouseKey && b.ItemKey == itemKey && b.CharacteristicKey == characteristicKey).Sum(b => b.Free);
    }

    /// <summary>The min/max norm of one item and characteristic at a warehouse (grouping rows and other methods are not norms).</summary>
    public StockNorm? NormOf(Guid warehouseKey, Guid itemKey, Guid characteristicKey = default) =>
        normByKey.GetValueOrDefault((warehouseKey, itemKey, characteristicKey));

    /// <summary>
    /// Rows of AccumulationRegister_ТоварыКПоступлению: what a warehouse is still to receive, by the order it was ordered by.
    /// A posted transfer order adds its rows here and reserves them at the sender (КОтгрузке); receiving moves them.
    /// </summary>
    public IReadOnlyList<IncomingRow> Incoming
    {
        get { lock (stockGate) return incoming.ToArray(); }
    }

    private readonly List<IncomingRow> incoming = [];

    /// <summary>A transfer order is posted: its recipient expects the goods, its sender has them promised.</summary>
    public void Dispatch(Guid orderKey, Guid sender, Guid recipient, IEnumerable<(Guid Item, Guid Characteristic, decimal Quantity)> lines)
    {
        lock (stockGate)
        {
            foreach (var (item, characteristic, quantity) in lines)
            {
                incoming.Add(new IncomingRow(orderKey, sender, recipient, item, characteristic, quantity));
                Change(sender, item, characteristic, 0, quantity);
            }

            StockVersion++;
        }
    }

    /// <summary>
    /// Part of an order arrives (ПеремещениеТоваров by the order): the sender's stock and promise go down, the
    /// recipient's stock goes up, and that much is no longer on its way. Returns what was received, at most what was open.
    /// </summary>
    public decimal Receive(Guid orderKey, Guid item, Guid characteristic, decimal quantity)
    {
        lock (stockGate)
        {
            var index = incoming.FindIndex(r => r.OrderKey == orderKey && r.ItemKey == item && r.CharacteristicKey == characteristic && r.Quantity > 0);
            if (index < 0) return 0;
            var row = incoming[index];
            var taken = Math.Min(quantity, row.Quantity);
            incoming[index] = row with { Quantity = row.Quantity - taken };
            incoming.RemoveAll(r => r.Quantity == 0);
            Change(row.SenderKey, item, characteristic, -taken, -taken);
            Change(row.RecipientKey, item, characteristic, taken, 0);
            StockVersion++;
            return taken;
        }
    }

    /// <summary>Back to the balances the catalogue was generated with, nothing on its way: what a reset of the simulator means.</summary>
    public void ResetStock()
    {
        lock (stockGate)
        {
            balances = initialBalances.ToList();
            incoming.Clear();
            StockVersion++;
        }
    }

    /// <summary>What of an order is still on its way.</summary>
    public decimal OpenOf(Guid orderKey)
    {
        lock (stockGate) return incoming.Where(r => r.OrderKey == orderKey).Sum(r => r.Quantity);
    }

    /// <summary>An order unposted or closed before it arrived: nothing more is coming, and the sender's promise is released.</summary>
    public void Cancel(Guid orderKey)
    {
        lock (stockGate)
        {
            foreach (var row in incoming.Where(r => r.OrderKey == orderKey)) Change(row.SenderKey, row.ItemKey, row.CharacteristicKey, 0, -row.Quantity);
            incoming.RemoveAll(r => r.OrderKey == orderKey);
            StockVersion++;
        }
    }

    /// <summary>Goods sold or written off at a warehouse (a negative quantity) or found there: its ВНаличии moves.</summary>
    public void Adjust(Guid warehouseKey, Guid itemKey, Guid characteristicKey, decimal quantity)
    {
        lock (stockGate)
        {
            Change(warehouseKey, itemKey, characteristicKey, quantity, 0);
            StockVersion++;
        }
    }

    // Under stockGate.
    private void Change(Guid warehouse, Guid item, Guid characteristic, decimal onHand, decimal toShip)
    {
        var index = balances.FindIndex(b => b.WarehouseKey == warehouse && b.ItemKey == item && b.CharacteristicKey == characteristic);
        if (index < 0) balances.Add(new StockBalance(warehouse, item, onHand, characteristic, toShip));
        else balances[index] = balances[index] with { Quantity = balances[index].Quantity + onHand, ToShip = balances[index].ToShip + toShip };
        balances.RemoveAll(b => b.Quantity == 0 && b.ToShip == 0);
    }
}

/// <summary>What a warehouse is still to receive of one order's row.</summary>
public sealed record IncomingRow(Guid OrderKey, Guid SenderKey, Guid RecipientKey, Guid ItemKey, Guid CharacteristicKey, decimal Quantity);
