using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hub.Contracts.Logging;

namespace Hub.Logs.IngestClef;

/// <summary>
/// Maps one CLEF event (Serilog's compact JSON, what Seq ingests) onto an integration log: @t, @l, @m or
/// the rendered @mt, @x, and the properties an integration step carries onto their fields (matched without
/// case or underscores: RunId, run_id, RUNID); everything else goes into details under its own name.
/// A Serilog application rarely has a "process": Application, then SourceContext stand in for it.
/// </summary>
public static class ClefMapper
{
    public const string FallbackProcess = "serilog";

    private enum Field
    {
        Process, Step, JobName, Status, RunId, RequestId, JobId, ExternalSystem, Action, RelatedEntityType, RelatedEntityId,
        ElapsedMs, RetryCount, Payload, RequestPayload, ResponsePayload, ErrorMessage, ErrorCode
    }

    private static readonly Dictionary<string, Field> WellKnown = new()
    {
        ["process"] = Field.Process, ["processname"] = Field.Process,
        ["step"] = Field.Step,
        ["jobname"] = Field.JobName,
        ["status"] = Field.Status,
        ["runid"] = Field.RunId,
        ["requestid"] = Field.RequestId,
        ["jobid"] = Field.JobId,
        ["externalsystem"] = Field.ExternalSystem, ["system"] = Field.ExternalSystem,
        ["action"] = Field.Action,
        ["relatedentitytype"] = Field.RelatedEntityType,
        ["relatedentityid"] = Field.RelatedEntityId,
        ["elapsedms"] = Field.ElapsedMs, ["elapsedmilliseconds"] = Field.ElapsedMs, ["elapsed"] = Field.ElapsedMs,
        ["retrycount"] = Field.RetryCount, ["retries"] = Field.RetryCount,
        ["payload"] = Field.Payload,
        ["requestpayload"] = Field.RequestPayload,
        ["responsepayload"] = Field.ResponsePayload,
        ["errormessage"] = Field.ErrorMessage,
        ["errorcode"] = Field.ErrorCode,
    };

    /// <summary>
    /// The keys of details the hub fills from the event itself (@x, @mt, @i, @tr, @sp, an unknown @l). A property of the
    /// event with one of these names never overwrites them: it is kept under details.properties instead.
    /// </summary>
    public static readonly IReadOnlySet<string> ReservedDetails = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        { "exception", "message_template", "event_id", "trace_id", "span_id", "level", "properties", "dropped_ids", "original_ts" };

    /// <summary>The entry, or why the event cannot be one.</summary>
    public static (LogEntry? Entry, string? Error) Map(JsonElement evt)
    {
        if (evt.ValueKind != JsonValueKind.Object) return (null, $"expected a JSON object, got {evt.ValueKind.ToString().ToLowerInvariant()}");
        if (!evt.TryGetProperty("@t", out var t) || t.ValueKind != JsonValueKind.String)
            return (null, "@t (the event's timestamp) is missing");
        if (!DateTimeOffset.TryParse(t.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var ts))
            return (null, $"@t '{t.GetString()}' is not an ISO 8601 timestamp");

        var details = new JsonObject();
        var levelText = evt.TryGetProperty("@l", out var l) && l.ValueKind == JsonValueKind.String ? l.GetString() : "Information";
        var level = LogLevels.Normalize(levelText);
        if (level is null) details["level"] = levelText;

        string? message = null;
        if (evt.TryGetProperty("@m", out var m) && m.ValueKind == JsonValueKind.String) message = m.GetString();
        if (evt.TryGetProperty("@mt", out var mt) && mt.ValueKind == JsonValueKind.String)
        {
            message ??= MessageTemplate.Render(mt.GetString()!, evt);
            details["message_template"] = mt.GetString();
        }

        string? exception = null;
        if (evt.TryGetProperty("@x", out var x) && x.ValueKind == JsonValueKind.String)
        {
            exception = x.GetString();
            details["exception"] = exception;
        }
        if (evt.TryGetProperty("@i", out var i)) details["event_id"] = JsonNode.Parse(i.GetRawText());
        if (evt.TryGetProperty("@tr", out var tr)) details["trace_id"] = JsonNode.Parse(tr.GetRawText());
        if (evt.TryGetProperty("@sp", out var sp)) details["span_id"] = JsonNode.Parse(sp.GetRawText());

        var entry = new LogEntry { Ts = ts, Level = level ?? LogLevels.Info, Message = message, ErrorMessage = FirstLine(exception) };
        string? application = null, sourceContext = null;
        var applied = new HashSet<Field>();
        JsonObject? colliding = null;
        void Keep(string name, JsonElement value)
        {
            var node = JsonNode.Parse(value.GetRawText());
            if (ReservedDetails.Contains(name) || details.ContainsKey(name)) (colliding ??= [])[name] = node;
            else details[name] = node;
        }
        foreach (var property in evt.EnumerateObject())
        {
            if (property.Name.StartsWith('@'))
            {
                // Only reified properties start with @; a property that itself starts with @ is escaped as @@.
                if (!property.Name.StartsWith("@@", StringComparison.Ordinal)) continue;
                Keep(property.Name[1..], property.Value);
                continue;
            }
            var key = Key(property.Name);
            if (key is "application" or "applicationname") application = Text(property.Value);
            if (key == "sourcecontext") sourceContext = Text(property.Value);
            // The first property that maps onto a field sets it (RunId before run_id); a second one is kept in details, not lost.
            if (WellKnown.TryGetValue(key, out var field) && !applied.Contains(field) && TryApply(ref entry, field, property.Value))
            {
                applied.Add(field);
                continue;
            }
            Keep(property.Name, property.Value);
        }
        if (colliding is not null) details["properties"] = colliding;

        if (string.IsNullOrWhiteSpace(entry.ProcessName))
            entry = entry with { ProcessName = application ?? sourceContext ?? FallbackProcess };
        return (entry with { Details = details.Count > 0 ? details : null }, null);
    }

    private static bool TryApply(ref LogEntry entry, Field field, JsonElement value)
    {
        switch (field)
        {
            case Field.Process: entry = entry with { ProcessName = Text(value) ?? "" }; return true;
            case Field.Step: entry = entry with { Step = Text(value) }; return true;
            case Field.JobName: entry = entry with { JobName = Text(value) }; return true;
            case Field.Status: entry = entry with { Status = Text(value) }; return true;
            case Field.RunId: entry = entry with { RunId = Text(value) }; return true;
            case Field.RequestId: entry = entry with { RequestId = Text(value) }; return true;
            case Field.JobId: entry = entry with { JobId = Text(value) }; return true;
            case Field.ExternalSystem: entry = entry with { ExternalSystem = Text(value) }; return true;
            case Field.Action: entry = entry with { Action = Text(value) }; return true;
            case Field.RelatedEntityType: entry = entry with { RelatedEntityType = Text(value) }; return true;
            case Field.RelatedEntityId: entry = entry with { RelatedEntityId = Text(value) }; return true;
            case Field.ErrorMessage: entry = entry with { ErrorMessage = Text(value) }; return true;
            case Field.ErrorCode: entry = entry with { ErrorCode = Text(value) }; return true;
            case Field.Payload: entry = entry with { Payload = value.Clone() }; return true;
            case Field.RequestPayload: entry = entry with { RequestPayload = value.Clone() }; return true;
            case Field.ResponsePayload: entry = entry with { ResponsePayload = value.Clone() }; return true;
            case Field.ElapsedMs:
                // Out of range (a day at most, as the API allows) stays in details under its own name.
                if (Number(value) is not { } ms || ms < 0 || ms > Writing.LogNormalizer.MaxElapsedMs) return false;
                entry = entry with { ElapsedMs = (long)Math.Round(ms) };
                return true;
            case Field.RetryCount:
                if (Number(value) is not { } n || n < 0 || n > Writing.LogNormalizer.MaxRetryCount) return false;
                entry = entry with { RetryCount = (int)n };
                return true;
            default: return false;
        }
    }

    private static string Key(string name) => new(name.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => value.GetRawText()
    };

    private static double? Number(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        // .NET TimeSpan as Serilog writes it ("00:00:01.2340000").
        JsonValueKind.String when TimeSpan.TryParse(value.GetString(), CultureInfo.InvariantCulture, out var span) => span.TotalMilliseconds,
        _ => null
    };

    private static string? FirstLine(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }
}
