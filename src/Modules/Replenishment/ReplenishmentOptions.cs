namespace Hub.Replenishment;

/// <summary>Section "Replenishment". The donor warehouses are 1C's names and live with its settings (OneC:DonorWarehouses), where the start-up check verifies them.</summary>
public sealed class ReplenishmentOptions
{
    /// <summary>When the scheduled run fires (cron, five fields), in <see cref="TimeZone"/>.</summary>
    public string Schedule { get; set; } = "0 9 * * 1-5";

    public string TimeZone { get; set; } = "Europe/Moscow";
}
