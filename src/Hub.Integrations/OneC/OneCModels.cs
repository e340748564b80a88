namespace Hub.Integrations.OneC;

public sealed record OneCWarehouse(Guid Key, string Name);

/// <summary>An item in use (not a group, not marked for deletion); its unit is a reference into Catalog_УпаковкиЕдиницыИзмерения.</summary>
public sealed record OneCItem(Guid Key, string Name, string? Article, Guid UnitKey, bool UsesCharacteristics);

public sealed record OneCCharacteristic(Guid Key, string Name);

/// <summary>A unit (шт, м) or an item's package ("Коробка (10 шт)") with how many base units it holds.</summary>
public sealed record OneCUnit(Guid Key, string Name, decimal Factor);

/// <summary>One row of the Balance table by item, characteristic and warehouse: on hand (ВНаличии) and promised (КОтгрузке).</summary>
public sealed record OneCBalance(Guid WarehouseKey, Guid ItemKey, Guid CharacteristicKey, decimal OnHand, decimal ToShip)
{
    /// <summary>What is not promised yet: the only stock a donor can give.</summary>
    public decimal Free => OnHand - ToShip;
}

/// <summary>A quantity of an item and characteristic a warehouse is still to receive by orders 1C knows.</summary>
public sealed record OneCIncoming(Guid WarehouseKey, Guid ItemKey, Guid CharacteristicKey, decimal Quantity);

/// <summary>A min/max norm of one item and characteristic at a warehouse, with the package orders are rounded to (empty: none).</summary>
public sealed record OneCMinimumLevel(Guid WarehouseKey, Guid ItemKey, Guid CharacteristicKey, decimal Minimum, decimal? Maximum, Guid PackageKey = default);

public sealed record TransferOrderLine(Guid ItemKey, decimal Quantity, Guid CharacteristicKey = default);

/// <summary>
/// A transfer order to create; <see cref="Marker"/> goes into Комментарий and is looked up before creating.
/// <see cref="NotBefore"/> is when its run planned it: the document cannot be older, so the lookup is narrowed to
/// documents dated from then on, whatever attempt or replay comes later.
/// </summary>
public sealed record TransferOrderRequest(string Marker, DateTimeOffset Date, Guid FromWarehouse, Guid ToWarehouse, IReadOnlyList<TransferOrderLine> Lines,
    DateTimeOffset? NotBefore = null);

/// <summary>How the document came to be: created now, found and posted, or found already posted.</summary>
public enum TransferOrderOutcome { Created, PostedExisting, AlreadyExisted }

public sealed record TransferOrderResult(Guid RefKey, string? Number, TransferOrderOutcome Outcome);

public sealed record OneCPing(long ElapsedMs, int Warehouses);

/// <summary>The organization and priority every transfer order names, resolved once from settings.</summary>
public sealed record TransferDefaults(Guid OrganizationKey, string OrganizationName, Guid PriorityKey, string PriorityName);
