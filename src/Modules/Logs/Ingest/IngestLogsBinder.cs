using System.Text.Json;
using FastEndpoints;
using FluentValidation.Results;
using Hub.Logs.Api;
using Hub.Logs.Writing;

namespace Hub.Logs.Ingest;

/// <summary>
/// Binds one record, a JSON array, or {"logs": [...]}. Items are read one by one so that a malformed
/// item is reported by its index instead of failing the whole body with one vague error.
/// </summary>
public sealed class IngestLogsBinder : IRequestBinder<IngestLogsRequest>
{
    public async ValueTask<IngestLogsRequest> BindAsync(BinderContext ctx, CancellationToken ct)
    {
        var request = new IngestLogsRequest();
        if (await IngestBody.ReadAsync(ctx, ct) is not { } body)
        {
            request.TooLarge = true;
            return request;
        }
        JsonDocument doc;
        try
        {
            // Deeper than this is refused (400); nesting past JsonSanitizer.MaxDepth inside a record is cut and noted.
            doc = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException ex)
        {
            ctx.ValidationFailures.Add(new ValidationFailure("body", $"the body is not valid JSON: {ex.Message.Split(" Path:")[0]}"));
            return request;
        }

        using (doc)
        {
            var root = doc.RootElement;
            IEnumerable<JsonElement> items;
            const string prefix = "logs";
            if (root.ValueKind == JsonValueKind.Array) items = root.EnumerateArray();
            else if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("logs", out var logs) && logs.ValueKind == JsonValueKind.Array)
                items = logs.EnumerateArray();
            else if (root.ValueKind == JsonValueKind.Object) items = [root];
            else
            {
                ctx.ValidationFailures.Add(new ValidationFailure("body", "expected a log record, an array of records, or {\"logs\": [...]}"));
                return request;
            }

            var index = 0;
            foreach (var item in items)
            {
                if (index >= IngestLogsRequest.MaxBatch)
                {
                    // The validator says so; reading the rest of a huge array would only cost memory.
                    request.Logs.Add(new IncomingLog { ProcessName = "(over the limit)" });
                    break;
                }
                try
                {
                    if (item.ValueKind != JsonValueKind.Object)
                        throw new JsonException($"expected an object, got {item.ValueKind.ToString().ToLowerInvariant()}");
                    if (JsonSanitizer.IsClean(item))
                    {
                        request.Logs.Add(item.Deserialize<IncomingLog>(LogJson.Options)!);
                        index++;
                        continue;
                    }
                    var notes = new JsonSanitizer.Notes();
                    var at = index;
                    var node = JsonSanitizer.ToNode(item, "", notes, key =>
                        ctx.ValidationFailures.Add(new ValidationFailure($"{prefix}[{at}].{key}", $"{key} appears twice in the record")));
                    var log = node.Deserialize<IncomingLog>(LogJson.Options)!;
                    log.Sanitized = notes.Count > 0 ? notes.Items : null;
                    request.Logs.Add(log);
                }
                catch (JsonException ex)
                {
                    ctx.ValidationFailures.Add(new ValidationFailure($"{prefix}[{index}]", Describe(ex)));
                    request.Logs.Add(new IncomingLog { ProcessName = "(unreadable)" });
                }
                index++;
            }
        }
        return request;
    }

    private static string Describe(JsonException ex) =>
        ex.Path is { Length: > 0 } path ? $"cannot read {path.TrimStart('$', '.')}: {ex.Message.Split(" Path:")[0]}" : ex.Message;
}
