namespace Hub.Contracts.Logging;

/// <summary>
/// One step of an integration process, as a module hands it to <see cref="IIntegrationLogWriter"/>.
/// Ids are strings on purpose: old callers send non-UUID values, and the writer normalises them.
/// Payload-like members take any JSON-serialisable object; the writer scrubs and stores them as JSON.
/// </summary>
public sealed record LogEntry
{
    public DateTimeOffset? Ts { get; init; }
    public string ProcessName { get; init; } = "";
    public string? Step { get; init; }
    public string? JobName { get; init; }
    public string Level { get; init; } = LogLevels.Info;
    public string? Status { get; init; }
    public string? Message { get; init; }
    public string? RunId { get; init; }
    public string? RequestId { get; init; }
    public string? JobId { get; init; }
    public string? ExternalSystem { get; init; }
    public string? Action { get; init; }
    public string? RelatedEntityType { get; init; }
    public string? RelatedEntityId { get; init; }
    public long? ElapsedMs { get; init; }
    public int? RetryCount { get; init; }
    public object? Payload { get; init; }
    public object? Details { get; init; }
    public object? RequestPayload { get; init; }
    public object? ResponsePayload { get; init; }
    public string? ErrorMessage { get; init; }
    public string? ErrorCode { get; init; }
    /// <summary>What an ingestion endpoint changed to make the record storable ("details.a: \\u0000 replaced"); the writer adds its own.</summary>
    public IReadOnlyList<string>? Sanitized { get; init; }
}

/// <summary>The five levels of the users' schema; anything else is mapped onto them.</summary>
public static class LogLevels
{
    public const string Debug = "DEBUG";
    public const string Info = "INFO";
    public const string Warning = "WARNING";
    public const string Error = "ERROR";
    public const string Critical = "CRITICAL";

    public static readonly IReadOnlyList<string> All = [Debug, Info, Warning, Error, Critical];

    /// <summary>Maps the spellings callers use (warn, fatal, information, verbose…) onto the five levels; null when unknown.</summary>
    public static string? Normalize(string? level) => level?.Trim().ToUpperInvariant() switch
    {
        null or "" => Info,
        "DEBUG" or "TRACE" or "VERBOSE" or "DBG" or "VRB" => Debug,
        "INFO" or "INFORMATION" or "INF" or "NOTICE" => Info,
        "WARNING" or "WARN" or "WRN" => Warning,
        "ERROR" or "ERR" or "EXCEPTION" => Error,
        "CRITICAL" or "FATAL" or "FTL" or "CRIT" or "ALERT" or "EMERGENCY" => Critical,
        _ => null
    };
}

/// <summary>Statuses the users' processes write; free text is allowed, these are the usual ones.</summary>
public static class LogStatuses
{
    public const string Started = "started";
    public const string Success = "success";
    public const string Failed = "failed";
    public const string Pending = "pending";
    public const string Retrying = "retrying";
    public const string Skipped = "skipped";
}
