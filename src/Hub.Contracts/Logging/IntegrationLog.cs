using System.Text.Json;

namespace Hub.Contracts.Logging;

/// <summary>
/// One integration log record (requirements §3), as the Logs module stores and exposes it. The Logs module owns its
/// storage (a Marten document whose filtered members are duplicated into indexed columns, mapped there); other
/// modules only read it through <see cref="ILogReader"/>.
/// Serialised in snake_case both in the database and over the API, the names the users' callers send.
/// </summary>
public sealed class IntegrationLog
{
    public Guid Id { get; set; }
    /// <summary>When it happened; the writer falls back to <see cref="CreatedAt"/> when the caller sent none.</summary>
    public DateTimeOffset Ts { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
    public string ProcessName { get; set; } = "";
    public string? Step { get; set; }
    public string? JobName { get; set; }
    public string LogLevel { get; set; } = "INFO";
    public string? Status { get; set; }
    public string? Message { get; set; }
    public Guid? RunId { get; set; }
    public Guid? RequestId { get; set; }
    public Guid? JobId { get; set; }
    public string? ExternalSystem { get; set; }
    public string? Action { get; set; }
    public string? RelatedEntityType { get; set; }
    public string? RelatedEntityId { get; set; }
    public long? ElapsedMs { get; set; }
    public int? RetryCount { get; set; }
    public JsonElement? Payload { get; set; }
    public JsonElement? Details { get; set; }
    public JsonElement? RequestPayload { get; set; }
    public JsonElement? ResponsePayload { get; set; }
    public string? PayloadHash { get; set; }
    public string? ErrorMessage { get; set; }
    public string? ErrorCode { get; set; }
    /// <summary>What was changed to make the record storable (NUL or lone surrogates replaced, nesting cut…), as "field: what"; null when nothing.</summary>
    public string[]? Sanitized { get; set; }

}
