namespace Hub.Simulators.Catalogue;

/// <summary>A group of a hierarchical 1C catalogue (IsFolder = true): listed with the elements unless a client filters it out.</summary>
public sealed record CatalogFolder(Guid RefKey, string Name, Guid ParentKey = default);
