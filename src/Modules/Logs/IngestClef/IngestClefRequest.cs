using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FastEndpoints;
using FluentValidation.Results;
using Hub.Contracts.Logging;
using Hub.Logs.Ingest;
using Hub.Logs.Writing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hub.Logs.IngestClef;

/// <summary>A batch of Seq events (CLEF lines or {"Events": [...]}), already mapped to log entries.</summary>
public sealed class IngestClefRequest
{
    public const string MediaType = "application/vnd.serilog.clef";

    /// <summary>More than Serilog's Seq sink sends at once (1000 by default), far less than would strain one transaction.</summary>
    public const int MaxEvents = 10_000;

    public List<LogEntry> Entries { get; } = [];

    /// <summary>Set by the binder when the body was over Logs:Ingest:MaxBodyBytes: the endpoint answers 413.</summary>
    public bool TooLarge { get; internal set; }
}

/// <summary>
/// Reads both formats Seq's clients send: CLEF, one compact JSON event per line (Serilog's Seq sink, seq-logging 3+),
/// and the older JSON {"Events": [{"Timestamp", "Level", "MessageTemplate", "Properties", "Exception"}]} (seq-logging 1–2,
/// pino-seq, winston-seq, older .NET sinks), told apart by the body itself, whatever Content-Type says.
/// One bad event does not cost the others: it is stored as a WARNING record of process "seq" saying why, its text in
/// details.raw, so a sender's events are never silently lost and the sink never retries a batch forever. Only a body
/// with no readable event at all is refused (400, naming the lines).
/// </summary>
public sealed class IngestClefBinder : IRequestBinder<IngestClefRequest>
{
    private const int MaxReportedErrors = 20;
    public const string UnreadableProcess = "seq";

    public async ValueTask<IngestClefRequest> BindAsync(BinderContext ctx, CancellationToken ct)
    {
        var request = new IngestClefRequest();
        if (await IngestBody.ReadAsync(ctx, ct) is not { } body)
        {
            request.TooLarge = true;
            return request;
        }
        var services = ctx.HttpContext.RequestServices;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var window = services.GetRequiredService<IOptions<LogIngestOptions>>().Value.TsWindow(now);
        var failures = new List<ValidationFailure>();
        var readable = 0;

        void Add(JsonElement evt, int number, string? line)
        {
            try
            {
                AddEvent(evt, number, line);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A mapping fault must cost one event, never the batch (and never a 500 the sink retries forever).
                Unreadable(number, $"the hub could not map it ({ex.GetType().Name}: {ex.Message})", line ?? evt.GetRawText());
            }
        }

        void AddEvent(JsonElement evt, int number, string? line)
        {
            var notes = new JsonSanitizer.Notes();
            var clean = JsonSanitizer.ToNode(evt, "", notes);
            var (entry, error) = ClefMapper.Map(JsonSerializer.SerializeToElement(clean));
            if (entry is null)
            {
                Unreadable(number, error!, line ?? evt.GetRawText());
                return;
            }
            readable++;
            if (entry.Ts is { } ts && (ts < window.From || ts > window.To))
            {
                // Kept at the time it arrived, the sender's time beside it: the window is the API's, an event is never refused for it.
                notes.Add("ts", $"{ts:O} outside the accepted window, stored at the time it arrived");
                var details = entry.Details as JsonObject ?? new JsonObject();
                details["original_ts"] = ts.ToString("O");
                entry = entry with { Ts = now, Details = details };
            }
            request.Entries.Add(notes.Count > 0 ? entry with { Sanitized = notes.Items } : entry);
        }

        void Unreadable(int number, string error, string raw)
        {
            if (failures.Count < MaxReportedErrors) failures.Add(new ValidationFailure($"line_{number}", $"line {number}: {error}"));
            request.Entries.Add(new LogEntry
            {
                Ts = now,
                ProcessName = UnreadableProcess,
                Level = LogLevels.Warning,
                Status = LogStatuses.Failed,
                Message = $"A Seq event could not be read (line {number}): {error}",
                Details = new JsonObject { ["line"] = number, ["raw"] = raw.Length <= 4000 ? raw : raw[..4000] + "…" }
            });
        }

        if (TryEventsFormat(body.Span, out var events))
        {
            using (events)
            {
                var number = 0;
                foreach (var evt in events!.RootElement.GetProperty("Events").EnumerateArray())
                {
                    number++;
                    if (request.Entries.Count == IngestClefRequest.MaxEvents) { TooMany(ctx); break; }
                    if (SeqJsonEvent.ToClef(evt) is { } clef) Add(clef, number, null);
                    else Unreadable(number, "an event of {\"Events\": [...]} must be an object with a Timestamp", evt.GetRawText());
                }
            }
        }
        else
        {
            using var reader = new StringReader(Encoding.UTF8.GetString(body.Span));
            var number = 0;
            while (reader.ReadLine() is { } line)
            {
                number++;
                if (string.IsNullOrWhiteSpace(line)) continue;
                if (request.Entries.Count == IngestClefRequest.MaxEvents) { TooMany(ctx); break; }
                try
                {
                    using var doc = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = 256 });
                    Add(doc.RootElement, number, line);
                }
                catch (JsonException ex)
                {
                    Unreadable(number, $"not valid JSON: {ex.Message.Split(" Path:")[0]}", line);
                }
            }
        }

        if (readable == 0 && failures.Count > 0)
        {
            // Nothing in it was an event: a wrong format or a wrong endpoint, which the sender must hear about.
            request.Entries.Clear();
            ctx.ValidationFailures.AddRange(failures);
            ctx.ValidationFailures.Add(new ValidationFailure("body",
                $"no event could be read: send CLEF ({IngestClefRequest.MediaType}, one JSON event per line) or {{\"Events\": [...]}}"));
        }
        return request;
    }

    private static void TooMany(BinderContext ctx) =>
        ctx.ValidationFailures.Add(new ValidationFailure("body", $"a payload holds at most {IngestClefRequest.MaxEvents} events"));

    /// <summary>The whole body as {"Events": [...]}; false for CLEF (one object per line, never holding "Events").</summary>
    private static bool TryEventsFormat(ReadOnlySpan<byte> body, out JsonDocument? doc)
    {
        doc = null;
        var trimmed = body.TrimStart(" \t\r\n\uFEFF"u8);
        if (trimmed.IsEmpty || trimmed[0] != (byte)'{') return false;
        try
        {
            doc = JsonDocument.Parse(trimmed.ToArray(), new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException)
        {
            return false;
        }
        if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("Events", out var e) && e.ValueKind == JsonValueKind.Array)
            return true;
        doc.Dispose();
        doc = null;
        return false;
    }
}

/// <summary>Seq's older JSON event ({"Timestamp", "Level", "MessageTemplate", "RenderedMessage", "Properties", "Exception"}) as CLEF.</summary>
public static class SeqJsonEvent
{
    public static JsonElement? ToClef(JsonElement evt)
    {
        if (evt.ValueKind != JsonValueKind.Object) return null;
        var clef = new JsonObject();
        foreach (var p in evt.EnumerateObject())
        {
            switch (p.Name)
            {
                case "Timestamp": clef["@t"] = JsonNode.Parse(p.Value.GetRawText()); break;
                case "Level": clef["@l"] = JsonNode.Parse(p.Value.GetRawText()); break;
                case "MessageTemplate": clef["@mt"] = JsonNode.Parse(p.Value.GetRawText()); break;
                case "RenderedMessage": clef["@m"] = JsonNode.Parse(p.Value.GetRawText()); break;
                case "Exception": clef["@x"] = JsonNode.Parse(p.Value.GetRawText()); break;
                case "EventId" or "EventType": clef["@i"] = JsonNode.Parse(p.Value.GetRawText()); break;
                case "TraceId": clef["@tr"] = JsonNode.Parse(p.Value.GetRawText()); break;
                case "SpanId": clef["@sp"] = JsonNode.Parse(p.Value.GetRawText()); break;
            }
        }
        if (evt.TryGetProperty("Properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
            foreach (var p in properties.EnumerateObject())
                clef[p.Name.StartsWith('@') ? "@" + p.Name : p.Name] = JsonNode.Parse(p.Value.GetRawText());
        if (!clef.ContainsKey("@t")) return null;
        return JsonSerializer.SerializeToElement(clef);
    }
}
