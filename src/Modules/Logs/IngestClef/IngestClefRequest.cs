using System.Text;
using System.Text.Json;
using FastEndpoints;
using FluentValidation.Results;
using Hub.Contracts.Logging;

namespace Hub.Logs.IngestClef;

/// <summary>A batch of CLEF events, one JSON object per line, already mapped to log entries.</summary>
public sealed class IngestClefRequest
{
    public const string MediaType = "application/vnd.serilog.clef";

    /// <summary>More than Serilog's Seq sink sends at once (1000 by default), far less than would strain one transaction.</summary>
    public const int MaxEvents = 10_000;

    public List<LogEntry> Entries { get; } = [];
}

/// <summary>
/// Reads the body line by line, so a bad line is reported by its number (1-based) and the good ones are
/// never half-stored: like Seq, a payload with a bad event is refused whole.
/// </summary>
public sealed class IngestClefBinder : IRequestBinder<IngestClefRequest>
{
    private const int MaxReportedErrors = 20;

    public async ValueTask<IngestClefRequest> BindAsync(BinderContext ctx, CancellationToken ct)
    {
        var request = new IngestClefRequest();
        var http = ctx.HttpContext.Request;
        if (!http.Query.ContainsKey("clef") && !(http.ContentType ?? "").StartsWith(IngestClefRequest.MediaType, StringComparison.OrdinalIgnoreCase))
        {
            ctx.ValidationFailures.Add(new ValidationFailure("content_type",
                $"send compact log event format (CLEF): Content-Type {IngestClefRequest.MediaType}, or ?clef on the URL"));
            return request;
        }

        using var reader = new StreamReader(http.Body, Encoding.UTF8);
        var number = 0;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            if (request.Entries.Count == IngestClefRequest.MaxEvents)
            {
                ctx.ValidationFailures.Add(new ValidationFailure("body", $"a payload holds at most {IngestClefRequest.MaxEvents} events"));
                break;
            }
            string? error;
            try
            {
                using var doc = JsonDocument.Parse(line);
                (var entry, error) = ClefMapper.Map(doc.RootElement);
                if (entry is not null) request.Entries.Add(entry);
            }
            catch (JsonException ex)
            {
                error = $"not valid JSON: {ex.Message.Split(" Path:")[0]}";
            }
            if (error is not null && ctx.ValidationFailures.Count < MaxReportedErrors)
                ctx.ValidationFailures.Add(new ValidationFailure($"line_{number}", $"line {number}: {error}"));
        }
        return request;
    }
}
