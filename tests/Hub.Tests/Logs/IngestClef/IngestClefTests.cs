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
    public async Task a_bad_line_is_stored_as_a_warning_saying_why_and_the_other_events_are_stored()
    {
        var run = Guid.NewGuid();
        var response = await PostAsync($$"""
            {"@t":"2026-11-23T10:00:00Z","@m":"good","RunId":"{{run}}"}
            {"@t":"2026-11-23T10:00:00Z","@m":
            {"@m":"no time","RunId":"{{run}}"}
            {"@t":"2026-11-23T10:00:01Z","@m":"nul \u0000 inside","RunId":"{{run}}"}
            """);
        Assert.Equal(201, (int)response.StatusCode);
        var good = await ListAsync($"run_id={run}");
        Assert.Equal(["nul \uFFFD inside", "good"], good.EnumerateArray().Select(i => i.GetProperty("message").GetString()));
        Assert.Contains("@m: \\u0000 replaced", good[0].GetProperty("sanitized").EnumerateArray().Select(n => n.GetString()));

        var unreadable = await ListAsync("process=seq");
        Assert.Equal(2, unreadable.GetArrayLength());
        var reasons = unreadable.EnumerateArray().Select(i => i.GetProperty("message").GetString()!).OrderBy(m => m).ToList();
        Assert.Contains("(line 2): not valid JSON", reasons[0]);
        Assert.Contains("(line 3): @t", reasons[1]);
        Assert.All(unreadable.EnumerateArray(), i => Assert.Equal("WARNING", i.GetProperty("log_level").GetString()));
        Assert.Contains("no time", unreadable.EnumerateArray().Single(i => i.GetProperty("details").GetProperty("line").GetInt32() == 3)
            .GetProperty("details").GetProperty("raw").GetString());
    }

    [Fact]
    public async Task a_body_with_no_event_at_all_is_refused_with_the_formats_to_send()
    {
        var response = await PostAsync("this is not json\nnor this", "/api/events/raw", contentType: "text/plain");
        Assert.Equal(400, (int)response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("application/vnd.serilog.clef", text);
        Assert.Contains("Events", text);
        Assert.Equal(0, (await ListAsync("process=seq")).GetArrayLength());
    }

    [Fact]
    public async Task seq_s_older_json_format_is_stored_like_clef()
    {
        var run = Guid.NewGuid();
        var response = await PostAsync($$"""
            {"Events":[
              {"Timestamp":"2026-11-23T10:00:00.123+03:00","Level":"Warning","MessageTemplate":"Order {OrderId} for {Customer} late",
               "Properties":{"OrderId":42,"Customer":"ООО «Ромашка» 😀","RunId":"{{run}}","Process":"shop"} },
              {"Timestamp":"2026-11-23T10:00:01Z","Level":"Error","MessageTemplate":"failed","Exception":"Error: boom\n    at f (a.js:1:1)",
               "Properties":{"RunId":"{{run}}","Process":"shop"} }
            ]}
            """, "/api/events/raw", contentType: "application/json");
        Assert.Equal(201, (int)response.StatusCode);
        var items = await ListAsync($"run_id={run}");
        Assert.Equal(2, items.GetArrayLength());
        Assert.Equal("failed", items[0].GetProperty("message").GetString());
        Assert.Equal("Error: boom", items[0].GetProperty("error_message").GetString());
        Assert.Equal("ERROR", items[0].GetProperty("log_level").GetString());
        Assert.Equal("Order 42 for \"ООО «Ромашка» 😀\" late", items[1].GetProperty("message").GetString());
        Assert.Equal("WARNING", items[1].GetProperty("log_level").GetString());
        Assert.Equal("shop", items[1].GetProperty("process_name").GetString());
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 7, 0, 0, 123, TimeSpan.Zero), items[1].GetProperty("ts").GetDateTimeOffset());
    }

    [Fact]
    public async Task the_key_may_come_in_the_url_and_ingest_clef_is_the_same_endpoint()
    {
        var run = Guid.NewGuid();
        var body = $$"""{"@t":"2026-11-23T10:00:00Z","@m":"x","RunId":"{{run}}"}""";
        Assert.Equal(201, (int)(await PostAsync(body, $"/api/events/raw?clef&apiKey={TestKeys.Ingest}", key: null)).StatusCode);
        Assert.Equal(201, (int)(await PostAsync(body, "/ingest/clef")).StatusCode);
        Assert.Equal(201, (int)(await PostAsync(body, $"/ingest/clef?apiKey={TestKeys.Ingest}", key: null)).StatusCode);
        Assert.Equal(401, (int)(await PostAsync(body, "/ingest/clef?apiKey=not-a-key-at-all-00", key: null)).StatusCode);
        Assert.Equal(3, (await ListAsync($"run_id={run}")).GetArrayLength());
    }

    [Fact]
    public async Task a_key_with_a_minimum_level_hears_it_and_events_below_it_are_dropped()
    {
        var run = Guid.NewGuid();
        var response = await PostAsync($$"""
            {"@t":"2026-11-23T10:00:00Z","@m":"chatty","RunId":"{{run}}"}
            {"@t":"2026-11-23T10:00:00Z","@l":"Warning","@m":"wanted","RunId":"{{run}}"}
            """, key: TestKeys.Admin);
        Assert.Equal(201, (int)response.StatusCode);
        Assert.Equal("""{"MinimumLevelAccepted":"Warning"}""", await response.Content.ReadAsStringAsync());
        Assert.Equal(["wanted"], (await ListAsync($"run_id={run}")).EnumerateArray().Select(i => i.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task properties_named_like_the_hub_s_own_details_are_kept_under_properties_and_a_second_run_id_is_kept()
    {
        var run = Guid.NewGuid();
        var other = Guid.NewGuid();
        await PostAsync($$"""{"@t":"2026-11-23T10:00:00Z","@mt":"m {exception}","@x":"System.Exception: real","exception":"the property","message_template":"p","trace_id":"t1","RunId":"{{run}}","run_id":"{{other}}"}""");
        var item = (await ListAsync($"run_id={run}")).EnumerateArray().Single();
        var details = item.GetProperty("details");
        Assert.Equal("System.Exception: real", details.GetProperty("exception").GetString());
        Assert.Equal("m {exception}", details.GetProperty("message_template").GetString());
        var properties = details.GetProperty("properties");
        Assert.Equal("the property", properties.GetProperty("exception").GetString());
        Assert.Equal("p", properties.GetProperty("message_template").GetString());
        Assert.Equal("t1", properties.GetProperty("trace_id").GetString());
        Assert.Equal(other.ToString(), details.GetProperty("run_id").GetString());
        Assert.Equal("m \"the property\"", item.GetProperty("message").GetString());
    }

    [Fact]
    public async Task messages_are_rendered_as_serilog_renders_them()
    {
        var run = Guid.NewGuid();
        // As Serilog's CLEF writes it: one @r entry per token with any format, :l and :j included, in template order.
        await PostAsync($$"""{"@t":"2026-11-23T10:00:00Z","@mt":"{Name:l} took {Elapsed:0.00} ms for {Http.Method} {Emoji} {Tags:j}","@r":["Заказ","12,35","[\"a\"]"],"Name":"Заказ","Elapsed":12.345,"Http.Method":"GET","Emoji":"😀","Tags":["a"],"RunId":"{{run}}"}""");
        var item = (await ListAsync($"run_id={run}")).EnumerateArray().Single();
        Assert.Equal("Заказ took 12,35 ms for \"GET\" \"😀\" [\"a\"]", item.GetProperty("message").GetString());
    }

    [Fact]
    public async Task a_body_over_the_limit_is_answered_413()
    {
        var line = """{"@t":"2026-11-23T10:00:00Z","@m":"x"}""" + "\n";
        var response = await PostAsync(string.Concat(Enumerable.Repeat(line, 5 * 1024 * 1024 / line.Length)));
        Assert.Equal(413, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("MaxBodyBytes", await response.Content.ReadAsStringAsync());
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
