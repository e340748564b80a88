using FastEndpoints;
using Hub.Contracts.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Wolverine;

namespace Hub.Logs.GetLogStats;

public sealed class GetLogStatsEndpoint(IMessageBus bus, TimeProvider clock, IOptions<LogStatsOptions> options) : Endpoint<GetLogStatsRequest, LogStatsResponse>
{
    public override void Configure()
    {
        Get("/api/v1/logs/stats");
        Roles(HubRoles.Viewer);
        Description(d => d.WithTags("Logs").ProducesProblemDetails());
        Summary(s =>
        {
            s.Summary = "Counts and durations per hour or day, per external system and/or process";
            s.Description = "bucket=hour (default: the last 24 hours) or day (default: the last 30 days), from, to, system, process, " +
                            "group_by=system|process|system,process|none, tz (days follow this zone). For each period and group: total, " +
                            "succeeded, failed, retrying (by status), avg_elapsed_ms and p95_elapsed_ms (within 5%). Read from hourly " +
                            "rollups kept as logs arrive, so it is fast on any volume and stays after retention deleted the logs.";
        });
    }

    public override async Task HandleAsync(GetLogStatsRequest req, CancellationToken ct)
    {
        var bucket = GetLogStatsRequest.ParseBucket(req.Bucket)!.Value;
        var zone = GetLogStatsRequest.ParseZone(req.Tz, options.Value.TimeZone) ?? TimeZoneInfo.Utc;
        var range = StatsRange.Resolve(bucket, req.From, req.To, clock.GetUtcNow(), zone);
        var query = new GetLogStats(bucket, range, zone, GetLogStatsRequest.ParseGrouping(req.GroupBy)!.Value,
            string.IsNullOrWhiteSpace(req.System) ? null : req.System.Trim().ToLowerInvariant(),
            string.IsNullOrWhiteSpace(req.Process) ? null : req.Process.Trim());
        await Send.OkAsync(await bus.InvokeAsync<LogStatsResponse>(query, ct), ct);
    }
}

/// <summary>Settings of the stats, section "Logs:Stats".</summary>
public sealed class LogStatsOptions
{
    /// <summary>The zone whose days the day buckets follow when a request names none (IANA id).</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>The zone whose days the daily rollups follow (IANA id); stats by day in another zone are summed from hours.</summary>
    public string DayZone { get; set; } = DefaultDayZone;

    public const string DefaultDayZone = "Europe/Moscow";

    /// <summary>The configured day zone's id, the default where it is empty or unknown (start-up must not fail on it).</summary>
    public static string DayZoneOf(string? configured) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(string.IsNullOrWhiteSpace(configured) ? DefaultDayZone : configured.Trim(), out var zone)
            ? zone.Id : DefaultDayZone;
}
