namespace Hub.Integrations.OneC;

public sealed record OneCWarehouse(Guid Key, string Name);
public sealed record OneCItem(Guid Key, string Name, string? Code, string? Unit);
public sealed record OneCBalance(Guid WarehouseKey, Guid ItemKey, decimal Quantity);
public sealed record OneCMinimumLevel(Guid WarehouseKey, Guid ItemKey, decimal Minimum, decimal? Maximum);
public sealed record TransferOrderLine(Guid ItemKey, decimal Quantity);

/// <summary>A transfer order to create; <see cref="Marker"/> goes into Комментарий and is looked up before creating.</summary>
public sealed record TransferOrderRequest(string Marker, DateTimeOffset Date, Guid FromWarehouse, Guid ToWarehouse, IReadOnlyList<TransferOrderLine> Lines);

/// <summary>How the document came to be: created now, found and posted, or found already posted.</summary>
public enum TransferOrderOutcome { Created, PostedExisting, AlreadyExisted }

public sealed record TransferOrderResult(Guid RefKey, string? Number, TransferOrderOutcome Outcome);

public sealed record OneCPing(long ElapsedMs, int Warehouses);
