namespace Hub.Simulators.State;

public sealed record CustomerOrderPosition(Guid Id, Guid AssortmentId, decimal Quantity, decimal Price);
