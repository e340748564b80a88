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

    /// <summary>The longest elapsed_ms accepted: a day. Beyond it a value is a bug or an attack, and rollup sums stay far from overflow.</summary>
    public const long MaxElapsedMs = 86_400_000;

    /// <summary>The most retries a record may claim.</summary>
    public const int MaxRetryCount = 10_000;

    public static IntegrationLog Normalize(LogEntry entry, Guid id, DateTimeOffset now)
    {
        var notes = new JsonSanitizer.Notes();
        foreach (var note in entry.Sanitized ?? []) notes.Add(note);
        var dropped = new JsonObject();
        var runId = NormalizeId(entry.RunId, "run_id", dropped);
        var requestId = NormalizeId(entry.RequestId, "request_id", dropped);
        var jobId = NormalizeId(entry.JobId, "job_id", dropped);

        var details = CredentialScrubber.Scrub(JsonSafety.ToNode(entry.Details, "details", notes));
        // Out-of-range numbers from the hub's own callers are kept where a reader looks, not stored as fields.
        var elapsed = entry.ElapsedMs;
        if (elapsed is < 0 or > MaxElapsedMs) { dropped["elapsed_ms"] = elapsed; notes.Add("elapsed_ms", $"{elapsed} outside 0..{MaxElapsedMs} moved to details"); elapsed = null; }
        var retries = entry.RetryCount;
        if (retries is < 0 or > MaxRetryCount) { dropped["retry_count"] = retries; notes.Add("retry_count", $"{retries} outside 0..{MaxRetryCount} moved to details"); retries = null; }
        if (dropped.Count > 0)
        {
            // Keep what we could not use where a reader looks for context, without changing the caller's own keys.
            if (details is not JsonObject detailsObject)
                detailsObject = details is null ? new JsonObject() : new JsonObject { ["value"] = details };
            detailsObject["dropped_ids"] = dropped;
            details = detailsObject;
        }

        var payload = JsonSafety.ToStored(CredentialScrubber.Scrub(JsonSafety.ToNode(entry.Payload, "payload", notes)));
        var record = new IntegrationLog
        {
            Id = id,
            Ts = ToMicroseconds(entry.Ts ?? now),
            CreatedAt = ToMicroseconds(now),
            ProcessName = Text(entry.ProcessName, 200, "process_name", notes) ?? "",
            Step = Text(entry.Step, 200, "step", notes),
            JobName = Text(entry.JobName, 200, "job_name", notes),
            LogLevel = LogLevels.Normalize(entry.Level) ?? LogLevels.Info,
            Status = Text(entry.Status, 50, "status", notes)?.ToLowerInvariant(),
            Message = Text(entry.Message, MaxTextLength, "message", notes),
            RunId = runId,
            RequestId = requestId,
            JobId = jobId,
            ExternalSystem = Text(entry.ExternalSystem, 100, "external_system", notes)?.ToLowerInvariant(),
            Action = Text(entry.Action, 200, "action", notes),
            RelatedEntityType = Text(entry.RelatedEntityType, 200, "related_entity_type", notes),
            RelatedEntityId = Text(entry.RelatedEntityId, 200, "related_entity_id", notes),
            ElapsedMs = elapsed,
            RetryCount = retries,
            Payload = payload,
            PayloadHash = JsonSafety.Hash(payload),
            Details = JsonSafety.ToStored(details),
            RequestPayload = JsonSafety.ToStored(CredentialScrubber.Scrub(JsonSafety.ToNode(entry.RequestPayload, "request_payload", notes))),
            ResponsePayload = JsonSafety.ToStored(CredentialScrubber.Scrub(JsonSafety.ToNode(entry.ResponsePayload, "response_payload", notes))),
            ErrorMessage = Text(entry.ErrorMessage, MaxTextLength, "error_message", notes),
            ErrorCode = Text(entry.ErrorCode, 100, "error_code", notes)
        };
        if (notes.Count > 0) record.Sanitized = notes.Items.ToArray();
        return record;
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
    private static string? Text(string? value, int max, string field, JsonSanitizer.Notes notes)
    {
        if (value is null) return null;
        var scrubbed = CredentialScrubber.ScrubText(JsonSanitizer.CleanText(value.Trim(), field, notes))!;
        if (scrubbed.Length == 0) return null;
        if (scrubbed.Length <= max) return scrubbed;
        // Never cut between the two halves of a surrogate pair: PostgreSQL refuses the half left over.
        var cut = char.IsHighSurrogate(scrubbed[max - 1]) ? max - 1 : max;
        return scrubbed[..cut];
    }
}
