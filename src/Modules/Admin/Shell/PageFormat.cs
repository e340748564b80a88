using System.Globalization;
namespace Hub.Admin.Shell;

/// <summary>
/// Numbers and times as the reader's language writes them: ru-RU "1 234,5" and "04.12.2026 12:00", English "1,234.5" and
/// the ISO-like "2026-12-04 12:00" it showed before. Times are in the pages' zone (<see cref="AdminClock"/>). The result is
/// text, still to be encoded with <see cref="Html.E"/>. Every page formats through it (the Runs pages through Runs/Shown, which encodes).
/// </summary>
public static class PageFormat
{
    // ICU versions differ on the Russian group separator (no-break space or narrow no-break space); one is fixed here.
    private static readonly CultureInfo Russian = RussianWithNoBreakSpace();
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    /// <summary>The culture of the request's language; the pages' UI culture, since only it follows the language cookie.</summary>
    public static CultureInfo Culture => AdminText.English ? English : Russian;

    public static string Number(long value) => value.ToString("N0", Culture);

    public static string Number(double value, string format = "0.#") => value.ToString(format.Replace("0.", "#,0.", StringComparison.Ordinal), Culture);

    /// <summary>A time in the pages' zone to the minute.</summary>
    public static string Time(DateTimeOffset t) => Local(t).ToString(AdminText.English ? "yyyy-MM-dd HH:mm" : "dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A time in the pages' zone to the second, where seconds matter (the Health page's last write).</summary>
    public static string Seconds(DateTimeOffset t) => Local(t).ToString(AdminText.English ? "yyyy-MM-dd HH:mm:ss" : "dd.MM.yyyy HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>A time in the pages' zone, followed by the zone's name (MSK), as a page shows a time standing alone.</summary>
    public static string TimeWithZone(DateTimeOffset t) => $"{Time(t)} {AdminClock.Label}";

    /// <summary>A date of a given zone: "04.12.2026" or "2026-12-04".</summary>
    public static string Date(DateTimeOffset t, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(t, zone).ToString(AdminText.English ? "yyyy-MM-dd" : "dd.MM.yyyy", CultureInfo.InvariantCulture);

    /// <summary>A time of a given zone to the minute (Stats follows its own zone choice).</summary>
    public static string Time(DateTimeOffset t, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(t, zone).ToString(AdminText.English ? "yyyy-MM-dd HH:mm" : "dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture);

    /// <summary>
    /// A time of a schedule's own zone with its weekday and offset, as the Schedules page shows when it fires: "05.12.2026 07:00
    /// (сб) +03:00" in Russian, "2026-12-05 07:00 (Sat) +03:00" in English; an unknown zone id as UTC.
    /// </summary>
    public static string WithWeekday(DateTimeOffset t, string zoneId)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var z) ? z : TimeZoneInfo.Utc;
        var local = TimeZoneInfo.ConvertTime(t, zone);
        return $"{Time(t, zone)} ({local.ToString("ddd", Culture)}) {local.ToString("zzz", CultureInfo.InvariantCulture)}";
    }

    /// <summary>A day as a chart's axis labels it: "04.12" in both languages (day first reads in English too, and is short).</summary>
    public static string ShortDay(DateTimeOffset t, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(t, zone).ToString("dd.MM", CultureInfo.InvariantCulture);

    /// <summary>An external system by the name its users know (the data keeps "1c" and "moysklad").</summary>
    public static string System(string? system) => system switch
    {
        "1c" => AdminText.T("1C"),
        "moysklad" => "МойСклад",
        null => "",
        _ => system,
    };

    /// <summary>A sentence of the text table with its values filled in (values already formatted, not yet encoded).</summary>
    public static string F(string key, params object[] values) => string.Format(Culture, AdminText.T(key), values);

    private static CultureInfo RussianWithNoBreakSpace()
    {
        var culture = (CultureInfo)CultureInfo.GetCultureInfo("ru-RU").Clone();
        culture.NumberFormat.NumberGroupSeparator = "\u00A0";
        culture.NumberFormat.NumberDecimalSeparator = ",";
        return CultureInfo.ReadOnly(culture);
    }

    private static DateTimeOffset Local(DateTimeOffset t) => TimeZoneInfo.ConvertTime(t, AdminClock.Zone);
}
