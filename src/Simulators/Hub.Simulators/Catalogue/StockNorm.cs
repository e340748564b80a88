namespace Hub.Simulators.Catalogue;

public sealed record StockNorm(Guid WarehouseKey, Guid ItemKey, decimal Minimum, decimal Maximum);
