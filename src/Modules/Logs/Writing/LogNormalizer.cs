using System.Text.Json.Nodes;
using Hub.Contracts.Logging;
using Hub.Logs.Domain;

namespace Hub.Logs.Writing;

/// <summary>
/// The single path from what a caller sent to what is stored: ids to UUIDs, payloads to scrubbed JSON,
/// a hash of the payload, timestamps. Pure and total: it returns a record for any input.
/// </summary>
public static class LogNormalizer
{
    /// <summary>The longest message or error text stored; the API validates against the same number.</summary>
    public const int MaxTextLength = 32_000;

    public static IntegrationLog Normalize(LogEntry entry, Guid id, DateTimeOffset now)
    {
        var dropped = new JsonObject();
        var runId = NormalizeId(entry.RunId, "run_id", dropped);
        var requestId = NormalizeId(entry.RequestId, "request_id", dropped);
        var jobId = NormalizeId(entry.JobId, "job_id", dropped);

        var details = CredentialScrubber.Scrub(JsonSafety.ToNode(entry.Details));
        if (dropped.Count > 0)
        {
            // Keep what we could not use where a reader looks for context, without changing the caller's own keys.
            if (details is not JsonObject detailsObject)
                detailsObject = details is null ? new JsonObject() : new JsonObject { ["value"] = details };
            detailsObject["dropped_ids"] = dropped;
            details = detailsObject;
        }

        var payload = JsonSafety.ToStored(CredentialScrubber.Scrub(JsonSafety.ToNode(entry.Payload)));
        return new IntegrationLog
        {
            Id = id,
            Ts = ToMicroseconds(entry.Ts ?? now),
            CreatedAt = ToMicroseconds(now),
            ProcessName = Text(entry.ProcessName, 200) ?? "",
            Step = Text(entry.Step, 200),
            JobName = Text(entry.JobName, 200),
            LogLevel = LogLevels.Normalize(entry.Level) ?? LogLevels.Info,
            Status = Text(entry.Status, 50)?.ToLowerInvariant(),
            Message = Text(entry.Message, MaxTextLength),
            RunId = runId,
            RequestId = requestId,
            JobId = jobId,
            ExternalSystem = Text(entry.ExternalSystem, 100)?.ToLowerInvariant(),
            Action = Text(entry.Action, 200),
            RelatedEntityType = Text(entry.RelatedEntityType, 200),
            RelatedEntityId = Text(entry.RelatedEntityId, 200),
            ElapsedMs = entry.ElapsedMs is < 0 ? null : entry.ElapsedMs,
            RetryCount = entry.RetryCount is < 0 ? null : entry.RetryCount,
            Payload = payload,
            PayloadHash = JsonSafety.Hash(payload),
            Details = JsonSafety.ToStored(details),
            RequestPayload = JsonSafety.ToStored(CredentialScrubber.Scrub(JsonSafety.ToNode(entry.RequestPayload))),
            ResponsePayload = JsonSafety.ToStored(CredentialScrubber.Scrub(JsonSafety.ToNode(entry.ResponsePayload))),
            ErrorMessage = Text(entry.ErrorMessage, MaxTextLength),
            ErrorCode = Text(entry.ErrorCode, 100)
        };
    }

    /// <summary>PostgreSQL keeps microseconds; the document must hold the same instant as the column, or keyset paging would repeat rows.</summary>
    public static DateTimeOffset ToMicroseconds(DateTimeOffset value) =>
        new(value.UtcTicks - value.UtcTicks % 10, TimeSpan.Zero);

    private static Guid? NormalizeId(string? raw, string field, JsonObject dropped)
    {
        if (IdNormalizer.TryNormalize(raw, out var id)) return id;
        dropped[field] = CredentialScrubber.ScrubText(raw);
        return null;
    }

    // Free text is scrubbed too: a message is where a pasted connection string usually ends up.
    private static string? Text(string? value, int max)
    {
        if (value is null) return null;
        var scrubbed = CredentialScrubber.ScrubText(value.Trim())!;
        if (scrubbed.Length == 0) return null;
        return scrubbed.Length <= max ? scrubbed : scrubbed[..max];
    }
}
