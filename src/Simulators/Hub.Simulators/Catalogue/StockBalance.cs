namespace Hub.Simulators.Catalogue;

/// <summary>
/// One row of AccumulationRegister_ТоварыНаСкладах: <see cref="Quantity"/> is ВНаличии, <see cref="ToShip"/> is
/// КОтгрузке (promised to shipments and other transfer orders); only the difference can be given away.
/// </summary>
public sealed record StockBalance(Guid WarehouseKey, Guid ItemKey, decimal Quantity, Guid CharacteristicKey = default, decimal ToShip = 0)
{
    public decimal Free => Quantity - ToShip;
}
