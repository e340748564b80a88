namespace Hub.Simulators.Faults;

// Decided before the handler runs so that the side effect happens (or not) exactly as the dice said.
public sealed record FaultPlan(int? ServerErrorStatus, bool Timeout, bool Drop)
{
    public static FaultPlan Clean { get; } = new(null, false, false);
}
