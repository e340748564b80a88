using Hub.Logs.GetLogStats;
using Microsoft.AspNetCore.Http;

namespace Hub.Admin.Stats;

/// <summary>The Stats page's choice as it lives in the URL: hourly or daily, one system or all, one process or all, a time zone.</summary>
public sealed record StatsQuery(StatsBucket Bucket, string? System, string? Process, string TimeZone)
{
    /// <summary>The zones offered; the hub's Logs:Stats:TimeZone is added when it is another one.</summary>
    public static readonly string[] Zones = ["UTC", "Europe/Moscow"];

    public static (StatsQuery Query, IReadOnlyList<string> Errors) Parse(IQueryCollection q, string defaultZone)
    {
        var errors = new List<string>();
        var bucket = GetLogStatsRequest.ParseBucket(Value(q, "bucket"));
        if (bucket is null) errors.Add("bucket is hour or day");
        var zone = Value(q, "tz") ?? defaultZone;
        if (GetLogStatsRequest.ParseZone(zone, defaultZone) is null)
        {
            errors.Add($"tz \"{zone}\" is not a known time zone (IANA names such as Europe/Moscow or UTC)");
            zone = defaultZone;
        }
        return (new StatsQuery(bucket ?? StatsBucket.Hour, Value(q, "system")?.ToLowerInvariant(), Value(q, "process"), zone), errors);
    }

    private static string? Value(IQueryCollection q, string name) => q[name].ToString() is { Length: > 0 } v ? v.Trim() : null;

    public string ToQueryString(StatsBucket? bucket = null)
    {
        var pairs = new List<(string, string?)>
        {
            ("bucket", (bucket ?? Bucket) == StatsBucket.Hour ? "hour" : "day"), ("system", System), ("process", Process), ("tz", TimeZone),
        };
        return string.Join("&", pairs.Where(p => !string.IsNullOrEmpty(p.Item2)).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}"));
    }
}
