namespace Hub.Simulators.Catalogue;

/// <summary>
/// A characteristic of one item (Catalog_ХарактеристикиНоменклатуры, owned by the item): a colour, a base, a size.
/// МойСклад knows it as a variant of the item's product; the variant's externalCode is the characteristic's Ref_Key.
/// </summary>
public sealed record Characteristic(Guid RefKey, Guid ItemKey, string Name, Guid VariantId);
