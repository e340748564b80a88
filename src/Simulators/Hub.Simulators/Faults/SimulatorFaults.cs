namespace Hub.Simulators.Faults;

public sealed class SimulatorFaults
{
    private readonly Lock gate = new();
    private readonly Random dice;
    private FaultSettings moySklad;
    private FaultSettings oneC;

    public SimulatorFaults(int seed, FaultOptions? initial = null)
    {
        dice = new Random(seed);
        moySklad = initial?.MoySklad ?? FaultSettings.None;
        oneC = initial?.OneC ?? FaultSettings.None;
    }

    public FaultSettings MoySklad
    {
        get => Volatile.Read(ref moySklad);
        set => Volatile.Write(ref moySklad, value ?? FaultSettings.None);
    }

    public FaultSettings OneC
    {
        get => Volatile.Read(ref oneC);
        set => Volatile.Write(ref oneC, value ?? FaultSettings.None);
    }

    public FaultSettings Get(SimulatorSystem system) => system == SimulatorSystem.MoySklad ? MoySklad : OneC;

    // A request the settings are not limited to is served as if there were no faults at all.
    public FaultSettings For(SimulatorSystem system, string method)
    {
        var settings = Get(system);
        return settings.AppliesTo(method) ? settings : FaultSettings.None;
    }

    public void Set(SimulatorSystem system, FaultSettings settings)
    {
        if (system == SimulatorSystem.MoySklad) MoySklad = settings;
        else OneC = settings;
    }

    // Reset means "healthy", not "back to the start-up faults": tests and operators use it to stop chaos.
    public void Reset()
    {
        MoySklad = FaultSettings.None;
        OneC = FaultSettings.None;
    }

    public FaultPlan Roll(FaultSettings settings)
    {
        if (settings.ErrorRate <= 0 && settings.TimeoutRate <= 0 && settings.DropRate <= 0) return FaultPlan.Clean;
        lock (gate)
        {
            if (Hit(settings.ErrorRate)) return new FaultPlan(dice.Next(2) == 0 ? 503 : 500, false, false);
            if (Hit(settings.TimeoutRate)) return new FaultPlan(null, true, false);
            if (Hit(settings.DropRate)) return new FaultPlan(null, false, true);
            return FaultPlan.Clean;
        }
    }

    private bool Hit(double rate) => rate > 0 && (rate >= 1 || dice.NextDouble() < rate);
}
