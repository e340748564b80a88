using FastEndpoints;
using FluentValidation;

namespace Hub.Logs.GetLogStats;

/// <summary>Query string of GET /api/v1/logs/stats.</summary>
public sealed class GetLogStatsRequest
{
    public static readonly TimeSpan MaxHourRange = TimeSpan.FromDays(93);
    public static readonly TimeSpan MaxDayRange = TimeSpan.FromDays(1000);

    /// <summary>hour (default) or day.</summary>
    [BindFrom("bucket")] public string? Bucket { get; set; }
    [BindFrom("from")] public DateTimeOffset? From { get; set; }
    [BindFrom("to")] public DateTimeOffset? To { get; set; }
    /// <summary>One external system (1c, moysklad…); all when absent.</summary>
    [BindFrom("system")] public string? System { get; set; }
    [BindFrom("process")] public string? Process { get; set; }
    /// <summary>system (default), process, "system,process" or none.</summary>
    [BindFrom("group_by")] public string? GroupBy { get; set; }
    /// <summary>IANA time zone whose days the day buckets follow; the hub's Logs:Stats:TimeZone when absent.</summary>
    [BindFrom("tz")] public string? Tz { get; set; }

    public static StatsBucket? ParseBucket(string? bucket) => bucket?.Trim().ToLowerInvariant() switch
    {
        null or "" or "hour" or "hourly" => StatsBucket.Hour,
        "day" or "daily" => StatsBucket.Day,
        _ => null
    };

    public static StatsGrouping? ParseGrouping(string? groupBy)
    {
        if (string.IsNullOrWhiteSpace(groupBy)) return StatsGrouping.System;
        var result = StatsGrouping.None;
        foreach (var part in groupBy.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            switch (part.ToLowerInvariant())
            {
                case "system" or "external_system": result |= StatsGrouping.System; break;
                case "process" or "process_name": result |= StatsGrouping.Process; break;
                case "none": break;
                default: return null;
            }
        }
        return result;
    }

    public static TimeZoneInfo? ParseZone(string? tz, string fallback) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(string.IsNullOrWhiteSpace(tz) ? fallback : tz.Trim(), out var zone) ? zone : null;
}

public sealed class GetLogStatsValidator : Validator<GetLogStatsRequest>
{
    public GetLogStatsValidator()
    {
        RuleFor(x => x.Bucket).Must(b => GetLogStatsRequest.ParseBucket(b) is not null).OverridePropertyName("bucket")
            .WithMessage("bucket is hour or day");
        RuleFor(x => x.GroupBy).Must(g => GetLogStatsRequest.ParseGrouping(g) is not null).OverridePropertyName("group_by")
            .WithMessage("group_by takes system, process, both (system,process) or none");
        RuleFor(x => x.Tz).Must(tz => tz is null || GetLogStatsRequest.ParseZone(tz, "UTC") is not null).OverridePropertyName("tz")
            .WithMessage(x => $"tz \"{x.Tz}\" is not a known time zone (IANA names such as Europe/Moscow or UTC)");
        RuleFor(x => x).Must(x => x.From is null || x.To is null || x.From < x.To).OverridePropertyName("to")
            .WithMessage("to must be later than from");
        RuleFor(x => x).Must(x => x.From is null || x.To is null
                                  || x.To - x.From <= (GetLogStatsRequest.ParseBucket(x.Bucket) == StatsBucket.Day ? GetLogStatsRequest.MaxDayRange : GetLogStatsRequest.MaxHourRange))
            .OverridePropertyName("from")
            .WithMessage($"the range is too long: at most {GetLogStatsRequest.MaxHourRange.Days} days by hour, {GetLogStatsRequest.MaxDayRange.Days} by day");
    }
}
