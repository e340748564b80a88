using System.Text;
using System.Text.Json.Nodes;

namespace Hub.Simulators.Tests.Infrastructure;

public static class HttpExtensions
{
    public static async Task<JsonNode> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text) ?? throw new InvalidOperationException("Empty JSON body");
    }

    public static StringContent Json(this JsonNode node) => new(node.ToJsonString(), Encoding.UTF8, "application/json");

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static string Header(this HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : throw new Xunit.Sdk.XunitException($"Header {name} is missing");

    public static JsonObject FirstError(this JsonNode body) => body["errors"]!.AsArray()[0]!.AsObject();

    public static string Str(this JsonNode? node) => node!.GetValue<string>();
}
