namespace Hub.Contracts.Logging;

public enum StatsBucket { Hour, Day }

/// <summary>
/// The whole periods a stats request covers. Rollups are by UTC hour, so a range is widened to whole
/// buckets: hours, or days of the requested time zone. Without bounds: the last 24 hours including the
/// current one, or the last 30 days including today.
/// </summary>
public readonly record struct StatsRange(DateTimeOffset From, DateTimeOffset To)
{
    public static readonly TimeSpan DefaultHours = TimeSpan.FromHours(24);
    public const int DefaultDays = 30;

    public static StatsRange Resolve(StatsBucket bucket, DateTimeOffset? from, DateTimeOffset? to, DateTimeOffset now, TimeZoneInfo zone)
    {
        if (bucket == StatsBucket.Hour)
        {
            var end = CeilHour(to ?? now);
            var start = from is { } f ? FloorHour(f) : end - DefaultHours;
            return new StatsRange(start, end);
        }
        var endDay = CeilDay(to ?? now, zone);
        var startDay = from is { } fd ? FloorDay(fd, zone) : AddDays(endDay, -DefaultDays, zone);
        return new StatsRange(startDay, endDay);
    }

    public static DateTimeOffset FloorHour(DateTimeOffset t) => new(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerHour, TimeSpan.Zero);

    public static DateTimeOffset CeilHour(DateTimeOffset t) => t.UtcTicks % TimeSpan.TicksPerHour == 0 ? t.ToUniversalTime() : FloorHour(t).AddHours(1);

    public static DateTimeOffset FloorDay(DateTimeOffset t, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(t, zone);
        return Midnight(local.Date, zone);
    }

    public static DateTimeOffset CeilDay(DateTimeOffset t, TimeZoneInfo zone)
    {
        var floor = FloorDay(t, zone);
        return floor == t ? floor : AddDays(floor, 1, zone);
    }

    /// <summary>The start of every bucket in the range, oldest first, so a chart can show the empty ones too.</summary>
    public IEnumerable<DateTimeOffset> BucketStarts(StatsBucket bucket, TimeZoneInfo zone)
    {
        for (var t = From; t < To; t = bucket == StatsBucket.Hour ? t.AddHours(1) : AddDays(t, 1, zone))
            yield return t;
    }

    private static DateTimeOffset AddDays(DateTimeOffset midnight, int days, TimeZoneInfo zone) =>
        Midnight(TimeZoneInfo.ConvertTime(midnight, zone).Date.AddDays(days), zone);

    // Midnight may not exist or may repeat on a zone's clock-change day; the first instant of the local date is taken then.
    private static DateTimeOffset Midnight(DateTime localDate, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(localDate, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(unspecified)) unspecified = unspecified.AddMinutes(30);
        var offset = zone.IsAmbiguousTime(unspecified) ? zone.GetAmbiguousTimeOffsets(unspecified).Max() : zone.GetUtcOffset(unspecified);
        return new DateTimeOffset(unspecified, offset).ToUniversalTime();
    }
}
