namespace Hub.Simulators.State;

/// <summary>One position of a customer order: a product, or a variant (an item's characteristic) of one.</summary>
public sealed record CustomerOrderPosition(Guid Id, Guid AssortmentId, decimal Quantity, decimal Price, string AssortmentType = "product");
