using System.Text;
using System.Text.Json.Nodes;

namespace Hub.Simulators.Http;

// Handlers return a response instead of writing it, so a fault can still swallow it after the side effect happened.
public sealed class SimResponse
{
    public required int Status { get; init; }

    public byte[] Body { get; init; } = [];

    public string? ContentType { get; init; }

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    // Counted by the pipeline, which cannot tell a 1049 from a 1073 by the status alone.
    public int? ErrorCode { get; init; }

    public static SimResponse Json(int status, JsonNode? body, int? errorCode = null, IReadOnlyDictionary<string, string>? headers = null) => new()
    {
        Status = status,
        Body = SimJson.ToUtf8(body),
        ContentType = "application/json;charset=utf-8",
        ErrorCode = errorCode,
        Headers = headers ?? new Dictionary<string, string>(),
    };

    public static SimResponse Text(int status, string text, string contentType) => new()
    {
        Status = status,
        Body = Encoding.UTF8.GetBytes(text),
        ContentType = contentType,
    };

    public static SimResponse Empty(int status) => new() { Status = status };
}
