namespace Hub.Simulators.State;

public sealed class RequestCounters
{
    public SystemRequestCounters MoySklad { get; } = new();

    public SystemRequestCounters OneC { get; } = new();

    public SystemRequestCounters For(SimulatorSystem system) => system == SimulatorSystem.MoySklad ? MoySklad : OneC;

    internal void Reset()
    {
        MoySklad.Reset();
        OneC.Reset();
    }
}
