namespace Hub.Simulators.Catalogue;

public sealed record StockBalance(Guid WarehouseKey, Guid ItemKey, decimal Quantity);
