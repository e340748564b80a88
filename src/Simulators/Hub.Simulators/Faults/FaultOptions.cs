namespace Hub.Simulators.Faults;

public sealed class FaultOptions
{
    public FaultSettings MoySklad { get; set; } = FaultSettings.None;

    public FaultSettings OneC { get; set; } = FaultSettings.None;
}
