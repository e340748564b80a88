namespace Hub.Simulators.State;

public sealed record TransferOrderLine(int LineNumber, Guid ItemKey, decimal Quantity);
