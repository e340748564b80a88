namespace Hub.Replenishment;

/// <summary>Section "Replenishment".</summary>
public sealed class ReplenishmentOptions
{
    /// <summary>Donor warehouses by their 1C names, in the order they are asked.</summary>
    public string[] Donors { get; set; } = ["Бестужевых", "Контейнер"];

    /// <summary>When the scheduled run fires (cron, five fields), in <see cref="TimeZone"/>.</summary>
    public string Schedule { get; set; } = "0 9 * * 1-5";

    public string TimeZone { get; set; } = "Europe/Moscow";
}
