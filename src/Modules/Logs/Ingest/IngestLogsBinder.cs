using System.Text.Json;
using FastEndpoints;
using FluentValidation.Results;
using Hub.Logs.Api;

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
        JsonDocument doc;
        try
        {
            doc = await JsonDocument.ParseAsync(ctx.HttpContext.Request.Body, cancellationToken: ct);
        }
        catch (JsonException ex)
        {
            ctx.ValidationFailures.Add(new ValidationFailure("body", $"the body is not valid JSON: {ex.Message}"));
            return request;
        }

        using (doc)
        {
            var root = doc.RootElement;
            IEnumerable<JsonElement> items;
            string prefix;
            if (root.ValueKind == JsonValueKind.Array) { items = root.EnumerateArray(); prefix = "logs"; }
            else if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("logs", out var logs) && logs.ValueKind == JsonValueKind.Array)
            { items = logs.EnumerateArray(); prefix = "logs"; }
            else if (root.ValueKind == JsonValueKind.Object) { items = [root]; prefix = "logs"; }
            else
            {
                ctx.ValidationFailures.Add(new ValidationFailure("body", "expected a log record, an array of records, or {\"logs\": [...]}"));
                return request;
            }

            var index = 0;
            foreach (var item in items)
            {
                try
                {
                    if (item.ValueKind != JsonValueKind.Object)
                        throw new JsonException($"expected an object, got {item.ValueKind.ToString().ToLowerInvariant()}");
                    request.Logs.Add(item.Deserialize<IncomingLog>(LogJson.Options)!);
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
