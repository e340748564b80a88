using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using JasperFx.CommandLine;

namespace Hub.Host.Commands;

/// <summary>
/// The flags every operator command shares: which hub, with which key. The commands call the running hub's API,
/// so they obey its roles and work against a hub on another machine as well.
/// </summary>
public class HubApiInput
{
    [Description("The hub's address (default: HUB_URL, else http://localhost:5080)")]
    public string? HubUrlFlag { get; set; }

    [Description("An API key with the role the command needs (default: HUB_API_KEY)")]
    public string? ApiKeyFlag { get; set; }

    public HubApi Connect()
    {
        var url = HubUrlFlag ?? Environment.GetEnvironmentVariable("HUB_URL") ?? "http://localhost:5080";
        var key = ApiKeyFlag ?? Environment.GetEnvironmentVariable("HUB_API_KEY");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var baseUri))
            throw new CommandFailure($"--hub-url '{url}' is not an absolute URL");
        var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(60) };
        if (!string.IsNullOrWhiteSpace(key)) http.DefaultRequestHeaders.Add("X-Api-Key", key);
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return new HubApi(http);
    }
}

/// <summary>A failure the operator can act on: printed as one line on stderr, exit code 1.</summary>
public sealed class CommandFailure(string message) : Exception(message);

/// <summary>JSON over HTTP to the hub; a problem-details answer becomes a <see cref="CommandFailure"/> with its detail.</summary>
public sealed class HubApi(HttpClient http) : IDisposable
{
    public Task<JsonNode> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null);

    public Task<JsonNode> PostAsync(string path, object? body = null) => SendAsync(HttpMethod.Post, path, body);

    private async Task<JsonNode> SendAsync(HttpMethod method, string path, object? body)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = JsonContent.Create(body);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request);
        }
        catch (HttpRequestException ex)
        {
            throw new CommandFailure($"cannot reach the hub at {http.BaseAddress}: {ex.Message} (is it running? see --hub-url)");
        }
        catch (TaskCanceledException)
        {
            throw new CommandFailure($"the hub at {http.BaseAddress} did not answer within {http.Timeout.TotalSeconds:0} s");
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            if (response.IsSuccessStatusCode) return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!;
            throw new CommandFailure($"{(int)response.StatusCode} {response.ReasonPhrase}: {Describe(text)}");
        }
    }

    private static string Describe(string body)
    {
        try
        {
            var problem = JsonNode.Parse(body);
            var errors = problem?["errors"] is JsonArray list
                ? string.Join("; ", list.Select(e => $"{e?["name"]}: {e?["reason"]}"))
                : null;
            return errors ?? problem?["detail"]?.GetValue<string>() ?? problem?["title"]?.GetValue<string>() ?? body;
        }
        catch (JsonException)
        {
            return body.Length > 200 ? body[..200] : body;
        }
    }

    public void Dispose() => http.Dispose();
}
