using JasperFx.CommandLine;

namespace Hub.Host.Commands.Logs;

/// <summary>
/// Arguments of `logs`. Every value flag is read as text and checked by the command, so a bad value is one
/// line naming the flag rather than a usage dump; all flags are long-form only, clear of the host's own.
/// </summary>
public sealed class LogsInput : NetCoreInput
{
    [Description("tail (follow new logs), export (to a file), stats (per hour or day), prune (apply retention)")]
    public string Action { get; set; } = "";

    [Description("Logs at or after this time (ISO 8601)"), FlagAlias("from", true)] public string? FromFlag { get; set; }
    [Description("Logs before this time (ISO 8601)"), FlagAlias("to", true)] public string? ToFlag { get; set; }
    [Description("Levels, comma-separated (DEBUG, INFO, WARNING, ERROR, CRITICAL)"), FlagAlias("level", true)] public string? LevelFlag { get; set; }
    [Description("Statuses, comma-separated"), FlagAlias("status", true)] public string? StatusFlag { get; set; }
    [Description("Process name"), FlagAlias("process", true)] public string? ProcessFlag { get; set; }
    [Description("Step"), FlagAlias("step", true)] public string? StepFlag { get; set; }
    [Description("External system (1c, moysklad…)"), FlagAlias("system", true)] public string? SystemFlag { get; set; }
    [Description("Run id (UUID)"), FlagAlias("run-id", true)] public string? RunIdFlag { get; set; }
    [Description("Request id (UUID)"), FlagAlias("request-id", true)] public string? RequestIdFlag { get; set; }
    [Description("Job id (UUID)"), FlagAlias("job-id", true)] public string? JobIdFlag { get; set; }
    [Description("Text in the message or error"), FlagAlias("text", true)] public string? TextFlag { get; set; }

    [Description("export: csv (default) or ndjson"), FlagAlias("format", true)] public string? FormatFlag { get; set; }
    [Description("export: the file to write (default: a name with the time range, in the current directory)"), FlagAlias("out", true)] public string? OutFlag { get; set; }
    [Description("export: CSV delimiter, comma (default) or semicolon"), FlagAlias("delimiter", true)] public string? DelimiterFlag { get; set; }

    [Description("stats: hour (default) or day"), FlagAlias("bucket", true)] public string? BucketFlag { get; set; }
    [Description("stats: system (default), process, system,process or none"), FlagAlias("group-by", true)] public string? GroupByFlag { get; set; }
    [Description("stats: the time zone of the days (IANA, e.g. Europe/Moscow)"), FlagAlias("tz", true)] public string? TzFlag { get; set; }

    [Description("tail: seconds between polls (default 1)"), FlagAlias("interval", true)] public string? IntervalFlag { get; set; }
    [Description("tail: how many recent logs to show first (default 10)"), FlagAlias("lines", true)] public string? LinesFlag { get; set; }
    [Description("tail: one JSON record per line instead of text"), FlagAlias("json", true)] public bool JsonFlag { get; set; }

    [Description("prune: only count what the rule would delete"), FlagAlias("dry-run", true)] public bool DryRunFlag { get; set; }
    [Description("prune: delete successful logs older than this many days (default Logs:Retention:SuccessDays)"), FlagAlias("success-days", true)] public string? SuccessDaysFlag { get; set; }
    [Description("prune: delete every log older than this many days (default Logs:Retention:AllDays)"), FlagAlias("all-days", true)] public string? AllDaysFlag { get; set; }
}
