namespace Hub.Simulators.State;

/// <summary>One position of a customer order: a product, or a variant (an item's characteristic) of one.</summary>
// Shipped grows as the seller ships (a demand, "Отгрузка", against the order); МойСклад reports it per position.
public sealed record CustomerOrderPosition(Guid Id, Guid AssortmentId, decimal Quantity, decimal Price, string AssortmentType = "product", decimal Shipped = 0);
