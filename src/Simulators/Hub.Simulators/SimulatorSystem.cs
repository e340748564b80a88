namespace Hub.Simulators;

public enum SimulatorSystem
{
    MoySklad,
    OneC,
}
