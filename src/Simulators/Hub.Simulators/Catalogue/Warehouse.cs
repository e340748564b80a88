namespace Hub.Simulators.Catalogue;

// One physical place known to both systems: 1C by Ref_Key, МойСклад by its own store id; only the name matches.
// A warehouse marked for deletion stays in 1C's catalogue (and may keep balances), as real bases keep old duplicates.
public sealed record Warehouse(
    string Name,
    WarehouseRole Role,
    Guid RefKey,
    string Code,
    Guid StoreId,
    string StoreCode,
    string Address,
    Guid ParentKey = default,
    bool DeletionMark = false);
