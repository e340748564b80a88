using Hub.Simulators.Faults;

namespace Hub.Simulators;

public sealed class SimulatorOptions
{
    public const string SectionName = "Simulators";

    // The seed drives both the catalogue and the fault dice, so a failing run can be replayed.
    public int Seed { get; set; } = 42;

    public int ItemCount { get; set; } = 300;

    /// <summary>Recipient shops beyond the three named ones: each adds up to three orders to a run.</summary>
    public int ExtraShops { get; set; }

    public string MoySkladToken { get; set; } = "sim-moysklad-token";

    public string MoySkladLogin { get; set; } = "admin@sim";

    public string MoySkladPassword { get; set; } = "sim-password";

    public string OneCUser { get; set; } = "hub";

    public string OneCPassword { get; set; } = "sim-1c-password";

    public int RateBucketUnits { get; set; } = 45;

    public TimeSpan RateWindow { get; set; } = TimeSpan.FromSeconds(3);

    public int MaxParallel { get; set; } = 5;

    public FaultOptions Faults { get; set; } = new();
}
