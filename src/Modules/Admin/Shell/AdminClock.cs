using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Admin.Shell;

/// <summary>
/// The zone the pages show times in: Moscow unless Admin:TimeZone names another IANA zone. The API keeps UTC; a time typed
/// into a page's filter without an offset is read in this zone, one with an offset (or Z) as written.
/// </summary>
public static class AdminClock
{
    public const string DefaultZone = "Europe/Moscow";

    public static TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.FindSystemTimeZoneById(DefaultZone);

    /// <summary>How a page names the zone beside its times: MSK for Moscow, else the zone's id.</summary>
    public static string Label { get; private set; } = "MSK";

    public static IServiceCollection AddAdminClock(this IServiceCollection services, IConfiguration configuration)
    {
        var id = configuration["Admin:TimeZone"] is { Length: > 0 } z ? z : DefaultZone;
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
            throw new InvalidOperationException($"Admin:TimeZone '{id}' is not a time zone this server knows (use an IANA id such as Europe/Moscow)");
        Zone = zone;
        Label = zone.Id == DefaultZone ? "MSK" : zone.Id;
        return services;
    }

    /// <summary>A time as the pages show it, in the zone, to the second, in the reader's format (04.12.2026 12:00:00 in Russian).</summary>
    public static string Format(DateTimeOffset t) => PageFormat.Seconds(t);

    // The Russian way of writing a time, as the pages show it; read in the pages' zone like any time without an offset.
    private static readonly string[] RussianFormats = ["dd.MM.yyyy HH:mm", "dd.MM.yyyy HH:mm:ss", "dd.MM.yyyy H:mm", "dd.MM.yyyy"];

    /// <summary>A typed time, as UTC: with an offset or Z as written, without one in the pages' zone; 23.11.2026 09:00 as a Russian reader writes it too.</summary>
    public static bool TryParse(string text, out DateTimeOffset value)
    {
        value = default;
        if (DateTime.TryParseExact(text, RussianFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var russian))
            text = russian.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)) return false;
        var local = DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var plain) && plain.Kind == DateTimeKind.Unspecified;
        // As UTC: the reads compare it with timestamptz columns, which Npgsql writes only from an offset of 0 (a +03:00 one was a 500).
        if (!local)
        {
            value = parsed.ToUniversalTime();
            return true;
        }
        // 0001-01-01 00:00 in Moscow is before the first instant a DateTimeOffset holds: not a time, never a 500.
        var offset = Zone.GetUtcOffset(plain);
        if (plain.Ticks - offset.Ticks is < 0 || plain.Ticks - offset.Ticks > DateTime.MaxValue.Ticks) return false;
        value = new DateTimeOffset(plain, offset).ToUniversalTime();
        return true;
    }
}
