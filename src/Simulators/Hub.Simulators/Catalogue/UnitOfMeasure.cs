namespace Hub.Simulators.Catalogue;

/// <summary>
/// An entry of Catalog_УпаковкиЕдиницыИзмерения: a base unit (шт, м, кг; no owner, factor 1) or an item's package
/// ("Коробка (10 шт)", owned by the item, factor 10) that an order may be rounded to.
/// </summary>
public sealed record UnitOfMeasure(Guid RefKey, string Name, string FullName, Guid OwnerKey, decimal Factor, Guid BaseUnitKey)
{
    public bool IsPackage => OwnerKey != Guid.Empty;
}
