namespace Hub.Simulators.Catalogue;

// One physical place known to both systems: 1C by Ref_Key, МойСклад by its own store id; only the name matches.
public sealed record Warehouse(
    string Name,
    WarehouseRole Role,
    Guid RefKey,
    string Code,
    Guid StoreId,
    string StoreCode,
    string Address);
