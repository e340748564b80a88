namespace Hub.Simulators.Catalogue;

/// <summary>A plain catalogue element the hub looks up by name (Catalog_Приоритеты).</summary>
public sealed record NamedReference(Guid RefKey, string Name, string Code);
