using System.Text.Json;
using System.Text.Json.Serialization;
using Hub.Contracts.Logging;
using Hub.Logs.Api;

namespace Hub.Logs.Ingest;

/// <summary>One record as a caller posts it (requirements §3 field names).</summary>
public sealed class IncomingLog
{
    public DateTimeOffset? Ts { get; set; }
    public string? ProcessName { get; set; }
    public string? Step { get; set; }
    public string? JobName { get; set; }
    public string? LogLevel { get; set; }
    /// <summary>Some callers send "level"; it is read when log_level is absent.</summary>
    public string? Level { get; set; }
    public string? Status { get; set; }
    public string? Message { get; set; }
    [JsonConverter(typeof(AnyScalarAsStringConverter))] public string? RunId { get; set; }
    [JsonConverter(typeof(AnyScalarAsStringConverter))] public string? RequestId { get; set; }
    [JsonConverter(typeof(AnyScalarAsStringConverter))] public string? JobId { get; set; }
    public string? ExternalSystem { get; set; }
    public string? Action { get; set; }
    public string? RelatedEntityType { get; set; }
    [JsonConverter(typeof(AnyScalarAsStringConverter))] public string? RelatedEntityId { get; set; }
    public long? ElapsedMs { get; set; }
    public int? RetryCount { get; set; }
    public JsonElement? Payload { get; set; }
    public JsonElement? Details { get; set; }
    public JsonElement? RequestPayload { get; set; }
    public JsonElement? ResponsePayload { get; set; }
    public string? ErrorMessage { get; set; }
    [JsonConverter(typeof(AnyScalarAsStringConverter))] public string? ErrorCode { get; set; }

    /// <summary>What the binder changed to make the record storable (JsonSanitizer's notes).</summary>
    [JsonIgnore] public IReadOnlyList<string>? Sanitized { get; set; }

    public LogEntry ToEntry() => new()
    {
        Sanitized = Sanitized,
        Ts = Ts,
        ProcessName = ProcessName ?? "",
        Step = Step,
        JobName = JobName,
        Level = LogLevel ?? Level ?? LogLevels.Info,
        Status = Status,
        Message = Message,
        RunId = RunId,
        RequestId = RequestId,
        JobId = JobId,
        ExternalSystem = ExternalSystem,
        Action = Action,
        RelatedEntityType = RelatedEntityType,
        RelatedEntityId = RelatedEntityId,
        ElapsedMs = ElapsedMs,
        RetryCount = RetryCount,
        Payload = Payload,
        Details = Details,
        RequestPayload = RequestPayload,
        ResponsePayload = ResponsePayload,
        ErrorMessage = ErrorMessage,
        ErrorCode = ErrorCode
    };
}
