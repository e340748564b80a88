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

    /// <summary>
    /// The share of items no donor can cover (0.06 when unset): 1.0 makes every item a purchase in МойСклад at every shop,
    /// for runs whose customer orders go over МойСклад's 1000 positions.
    /// </summary>
    public double? UncoverableShare { get; set; }

    /// <summary>Organizations in 1C beside "ООО Симулятор": with more than one, a transfer order needs OneC:Organization.</summary>
    public int ExtraOrganizations { get; set; }

    /// <summary>
    /// The 1C base checks a transfer order at posting the way УТ 11.5 does with every functional option on (organization,
    /// priority, statuses, delivery, characteristics). Off, it checks only the warehouses and the rows, as a base with
    /// those options switched off would.
    /// </summary>
    public bool OneCStrict { get; set; } = true;

    /// <summary>
    /// The release of УТ 11.5 whose fields the 1C base publishes: the transfer order's row field ПодлежитРазблокировке
    /// exists from 11.5.27 on, and a body naming a field the base lacks is refused.
    /// </summary>
    public string OneCRelease { get; set; } = "11.5.22";

    /// <summary>Entity sets the 1C user has no right to read: 1C answers 500 (code -1) "Недостаточно прав", not 403.</summary>
    public List<string> OneCDeniedSets { get; set; } = [];

    /// <summary>Entity sets not added to the standard OData interface of the base: 404, and missing from $metadata.</summary>
    public List<string> OneCUnpublishedSets { get; set; } = [];

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
