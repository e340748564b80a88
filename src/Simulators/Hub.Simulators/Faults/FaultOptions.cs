namespace Hub.Simulators.Faults;

public sealed class FaultOptions
{
    public FaultSettings MoySklad { get; set; } = new();

    public FaultSettings OneC { get; set; } = new();
}
