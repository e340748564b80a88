using Hub.Admin.Shell;
using Microsoft.AspNetCore.Http;

namespace Hub.Admin.Stats;

/// <summary>The Stats page's choice as it lives in the URL: hourly or daily, one system or all, one process or all, a time zone.</summary>
public sealed record StatsQuery(StatsBucket Bucket, string? System, string? Process, TimeZoneInfo Zone)
{
    /// <summary>The zones offered; the hub's Logs:Stats:TimeZone is added when it is another one.</summary>
    public static readonly string[] Zones = ["UTC", "Europe/Moscow"];

    /// <summary>
    /// Through the API's own request and validator, so the page accepts what GET /api/v1/logs/stats accepts, in the same words.
    /// Without a zone the page follows the pages' zone (Moscow by default), as every other page's times do; the API keeps its own default.
    /// </summary>
    public static (StatsQuery Query, IReadOnlyList<string> Errors) Parse(IQueryCollection q, ILogReader logs)
    {
        string? bucket = Value(q, "bucket"), tz = Value(q, "tz"), system = Value(q, "system"), process = Value(q, "process");
        var errors = logs.CheckStats(bucket, tz, system, process);
        var query = new StatsQuery(logs.ParseBucket(bucket) ?? StatsBucket.Hour, system?.ToLowerInvariant(), process, (tz is null ? null : logs.ParseZone(tz)) ?? AdminClock.Zone);
        return (query, errors);
    }

    /// <summary>The stats API's refusal about a zone, which quotes the zone asked for (GetLogStatsValidator's words).</summary>
    public const string UnknownZone = "tz \"{0}\" is not a known time zone (IANA names such as Europe/Moscow or UTC)";

    /// <summary>
    /// An API refusal in the reader's language: a fixed one by the text table, the zone's (which quotes what was asked) by its
    /// sentence with the zone put back in. Anything else stays in the API's words, which the language check would catch.
    /// </summary>
    public static string Tell(string error, IQueryCollection q) =>
        Value(q, "tz") is { } tz && error == string.Format(global::System.Globalization.CultureInfo.InvariantCulture, UnknownZone, tz)
            ? PageFormat.F(UnknownZone, tz)
            : AdminText.T(error);

    private static string? Value(IQueryCollection q, string name) => q[name].ToString() is { Length: > 0 } v ? v.Trim() : null;

    public string ToQueryString(StatsBucket? bucket = null) => Html.QueryString(
    [
        ("bucket", (bucket ?? Bucket) == StatsBucket.Hour ? "hour" : "day"), ("system", System), ("process", Process), ("tz", Zone.Id),
    ]);
}
