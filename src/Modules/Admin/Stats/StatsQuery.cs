using Hub.Admin.Shell;
using Hub.Logs.GetLogStats;
using Microsoft.AspNetCore.Http;

namespace Hub.Admin.Stats;

/// <summary>The Stats page's choice as it lives in the URL: hourly or daily, one system or all, one process or all, a time zone.</summary>
public sealed record StatsQuery(StatsBucket Bucket, string? System, string? Process, TimeZoneInfo Zone)
{
    /// <summary>The zones offered; the hub's Logs:Stats:TimeZone is added when it is another one.</summary>
    public static readonly string[] Zones = ["UTC", "Europe/Moscow"];

    /// <summary>Through the API's own request and validator, so the page accepts what GET /api/v1/logs/stats accepts, in the same words.</summary>
    public static (StatsQuery Query, IReadOnlyList<string> Errors) Parse(IQueryCollection q, TimeZoneInfo defaultZone)
    {
        var request = new GetLogStatsRequest { Bucket = Value(q, "bucket"), Tz = Value(q, "tz"), System = Value(q, "system"), Process = Value(q, "process") };
        var errors = new GetLogStatsValidator().Validate(request).Errors.Select(e => e.ErrorMessage).ToList();
        var query = new StatsQuery(GetLogStatsRequest.ParseBucket(request.Bucket) ?? StatsBucket.Hour, request.System?.ToLowerInvariant(), request.Process,
            GetLogStatsRequest.ParseZone(request.Tz, defaultZone.Id) ?? defaultZone);
        return (query, errors);
    }

    private static string? Value(IQueryCollection q, string name) => q[name].ToString() is { Length: > 0 } v ? v.Trim() : null;

    public string ToQueryString(StatsBucket? bucket = null) => Html.QueryString(
    [
        ("bucket", (bucket ?? Bucket) == StatsBucket.Hour ? "hour" : "day"), ("system", System), ("process", Process), ("tz", Zone.Id),
    ]);
}
