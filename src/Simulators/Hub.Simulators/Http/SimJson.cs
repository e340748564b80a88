using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hub.Simulators.Http;

public static class SimJson
{
    // Cyrillic is written as is, as both real servers do; escaping it would hide encoding bugs in clients.
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    // Sums of decimals keep the largest scale (539.5 + 0.5 = 540.0); real servers print 540.
    public static decimal Plain(decimal value) => value / 1.000000000000000000000000000000000m;

    public static byte[] ToUtf8(JsonNode? node) => JsonSerializer.SerializeToUtf8Bytes(node, Options);

    public static JsonNode? ToNode<T>(T value) => JsonSerializer.SerializeToNode(value, Options);

    public static async Task<(JsonNode? Node, string? Error)> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body, System.Text.Encoding.UTF8);
        var text = await reader.ReadToEndAsync(ct);
        if (string.IsNullOrWhiteSpace(text)) return (null, "empty body");
        try
        {
            return (JsonNode.Parse(text), null);
        }
        catch (JsonException e)
        {
            return (null, e.Message);
        }
    }
}
