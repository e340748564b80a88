using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Hub.Tests.Infrastructure;

namespace Hub.Tests.Logs.IngestClef;

[Collection(LogsCollection.Name)]
public sealed class IngestClefTests(LogsFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<HttpResponseMessage> PostAsync(string body, string url = "/api/events/raw?clef", string? key = TestKeys.Ingest,
        string contentType = "application/vnd.serilog.clef")
    {
        using var client = fixture.Client();
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (key is not null) content.Headers.Add("X-Seq-ApiKey", key);
        return await client.PostAsync(url, content);
    }

    private async Task<JsonElement> ListAsync(string query)
    {
        using var client = fixture.Client(TestKeys.Viewer);
        using var doc = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/logs?{query}"));
        return doc.RootElement.GetProperty("items").Clone();
    }

    [Fact]
    public async Task events_are_stored_and_answered_as_seq_answers()
    {
        var run = Guid.NewGuid();
        var body = $$"""
            {"@t":"2026-11-23T10:00:00Z","@mt":"Order {OrderId} sent","OrderId":42,"RunId":"{{run}}","Process":"sync_orders","ExternalSystem":"moysklad","ElapsedMs":120}

            {"@t":"2026-11-23T10:00:01Z","@l":"Warning","@m":"slow","RunId":"{{run}}","Process":"sync_orders"}
            """;
        var response = await PostAsync(body);
        Assert.Equal(201, (int)response.StatusCode);
        Assert.Equal("""{"MinimumLevelAccepted":null}""", await response.Content.ReadAsStringAsync());

        var items = await ListAsync($"run_id={run}");
        Assert.Equal(2, items.GetArrayLength());
        Assert.Equal("slow", items[0].GetProperty("message").GetString());
        Assert.Equal("WARNING", items[0].GetProperty("log_level").GetString());
        Assert.Equal("Order 42 sent", items[1].GetProperty("message").GetString());
        Assert.Equal("moysklad", items[1].GetProperty("external_system").GetString());
        Assert.Equal(120, items[1].GetProperty("elapsed_ms").GetInt64());
        Assert.Equal(42, items[1].GetProperty("details").GetProperty("OrderId").GetInt32());
    }

    [Fact]
    public async Task the_clef_content_type_alone_is_enough()
    {
        var run = Guid.NewGuid();
        Assert.Equal(201, (int)(await PostAsync($$"""{"@t":"2026-11-23T10:00:00Z","@m":"x","RunId":"{{run}}"}""", "/api/events/raw")).StatusCode);
        Assert.Equal(1, (await ListAsync($"run_id={run}")).GetArrayLength());
    }

    [Fact]
    public async Task a_payload_with_bad_lines_is_refused_whole_naming_each_line()
    {
        var run = Guid.NewGuid();
        var response = await PostAsync($$"""
            {"@t":"2026-11-23T10:00:00Z","@m":"good","RunId":"{{run}}"}
            {"@t":"2026-11-23T10:00:00Z","@m":
            {"@m":"no time","RunId":"{{run}}"}
            """);
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = problem.RootElement.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal(["line_2", "line_3"], errors.Select(e => e.GetProperty("name").GetString()));
        Assert.Contains("not valid JSON", errors[0].GetProperty("reason").GetString());
        Assert.Contains("@t", errors[1].GetProperty("reason").GetString());
        Assert.Equal(0, (await ListAsync($"run_id={run}")).GetArrayLength());
    }

    [Fact]
    public async Task another_format_is_refused_with_the_format_to_send()
    {
        var response = await PostAsync("""{"Events":[]}""", "/api/events/raw", contentType: "application/json");
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("application/vnd.serilog.clef", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task the_seq_key_must_be_an_ingest_key()
    {
        const string body = """{"@t":"2026-11-23T10:00:00Z","@m":"x"}""";
        Assert.Equal(401, (int)(await PostAsync(body, key: null)).StatusCode);
        Assert.Equal(401, (int)(await PostAsync(body, key: "not-a-key-at-all-00")).StatusCode);
        Assert.Equal(403, (int)(await PostAsync(body, key: TestKeys.Viewer)).StatusCode);
    }

    [Fact]
    public async Task credentials_in_event_properties_are_scrubbed_like_any_log()
    {
        var run = Guid.NewGuid();
        await PostAsync($$"""{"@t":"2026-11-23T10:00:00Z","@m":"x","RunId":"{{run}}","ApiKey":"sk-live-123456","ConnectionString":"Host=db;Password=hunter2"}""");
        var details = (await ListAsync($"run_id={run}"))[0].GetProperty("details");
        Assert.Equal("***", details.GetProperty("ApiKey").GetString());
        Assert.DoesNotContain("hunter2", details.GetRawText());
    }
}
