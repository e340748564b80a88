using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Hub.Tests.Infrastructure;

namespace Hub.Tests.Logs.Ingest;

/// <summary>What a careless or hostile client sends to POST /api/v1/logs: made storable and noted, or refused with 400 naming it.</summary>
[Collection(LogsCollection.Name)]
public sealed class HostileBodiesTests(LogsFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<(int Status, JsonElement Body)> PostAsync(string body)
    {
        using var client = fixture.Client(TestKeys.Ingest);
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        var response = await client.PostAsync("/api/v1/logs", content);
        var text = await response.Content.ReadAsStringAsync();
        using var doc = JsonDocument.Parse(text.Length == 0 ? "{}" : text);
        return ((int)response.StatusCode, doc.RootElement.Clone());
    }

    private async Task<JsonElement> GetAsync(string id)
    {
        using var client = fixture.Client(TestKeys.Viewer);
        var response = await client.GetAsync($"/api/v1/logs/{id}");
        Assert.Equal(200, (int)response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.Clone();
    }

    private static string[] Sanitized(JsonElement record) => record.GetProperty("sanitized").EnumerateArray().Select(e => e.GetString()!).ToArray();

    [Fact]
    public async Task nul_and_lone_surrogates_are_replaced_and_noted_in_the_record()
    {
        var (status, body) = await PostAsync("""
            {"process_name":"p\u0000q","message":"a\u0000b \ud800 c \udc00","details":{"k\u0000ey":"v\ud83d","ok":"😀 \ud83d\ude00"},"payload":["\u0000"]}
            """);
        Assert.Equal(202, status);
        var record = await GetAsync(body.GetProperty("ids")[0].GetString()!);
        Assert.Equal("p\uFFFDq", record.GetProperty("process_name").GetString());
        Assert.Equal("a\uFFFDb \uFFFD c \uFFFD", record.GetProperty("message").GetString());
        Assert.Equal("v\uFFFD", record.GetProperty("details").GetProperty("k\uFFFDey").GetString());
        Assert.Equal("😀 😀", record.GetProperty("details").GetProperty("ok").GetString());
        Assert.Equal("\uFFFD", record.GetProperty("payload")[0].GetString());
        var notes = Sanitized(record);
        Assert.Contains("message: \\u0000 replaced", notes);
        Assert.Contains("message: lone surrogate replaced", notes);
        Assert.Contains("payload[0]: \\u0000 replaced", notes);
        Assert.Contains(notes, n => n.StartsWith("details.k\uFFFDey: lone surrogate replaced"));
    }

    [Fact]
    public async Task numbers_out_of_range_are_kept_as_text_and_deep_nesting_is_cut_with_a_marker()
    {
        var deep = string.Concat(Enumerable.Repeat("{\"a\":", 63)) + "1" + new string('}', 63);
        var (status, body) = await PostAsync($$$"""{"process_name":"p","details":{"huge":1e1000000,"tiny":1e-1000000,"fine":1.5,"deep":{{{deep}}}}}""");
        Assert.Equal(202, status);
        var record = await GetAsync(body.GetProperty("ids")[0].GetString()!);
        var details = record.GetProperty("details");
        Assert.Equal("1e1000000", details.GetProperty("huge").GetString());
        Assert.Equal("1e-1000000", details.GetProperty("tiny").GetString());
        Assert.Equal(1.5, details.GetProperty("fine").GetDouble());
        // The API counts the 32 levels from the record itself (record, details, then deep), so 30 objects of "deep" survive.
        var node = details.GetProperty("deep");
        var objects = 0;
        while (node.ValueKind == JsonValueKind.Object) { node = node.GetProperty("a"); objects++; }
        Assert.Equal("(nesting deeper than 32 levels cut)", node.GetString());
        Assert.Equal(30, objects);
        Assert.Contains("details.huge: number out of range kept as text", Sanitized(record));
        Assert.Contains(Sanitized(record), n => n.EndsWith("nesting deeper than 32 levels cut"));
    }

    [Fact]
    public async Task a_repeated_key_inside_details_is_kept_and_a_repeated_field_of_the_record_is_refused()
    {
        var (status, body) = await PostAsync("""{"process_name":"p","details":{"a":1,"a":2}}""");
        Assert.Equal(202, status);
        var record = await GetAsync(body.GetProperty("ids")[0].GetString()!);
        Assert.Equal(1, record.GetProperty("details").GetProperty("a").GetInt32());
        Assert.Equal(2, record.GetProperty("details").GetProperty("a~2").GetInt32());

        (status, body) = await PostAsync("""[{"process_name":"p"},{"process_name":"p","message":"x","message":"y"}]""");
        Assert.Equal(400, status);
        Assert.Contains(body.GetProperty("errors").EnumerateArray(), e => e.GetProperty("name").GetString() == "logs[1].message");
    }

    [Theory]
    [InlineData("""{"process_name":"p","elapsed_ms":9223372036854775807}""", "elapsed_ms")]
    [InlineData("""{"process_name":"p","elapsed_ms":86400001}""", "elapsed_ms")]
    [InlineData("""{"process_name":"p","elapsed_ms":1e1000000}""", "logs[0]")]
    [InlineData("""{"process_name":"p","retry_count":2147483647}""", "retry_count")]
    [InlineData("""{"process_name":"p","ts":"9999-12-31T23:59:59Z"}""", "ts")]
    [InlineData("""{"process_name":"p","ts":"0001-01-01T00:00:00Z"}""", "ts")]
    public async Task numeric_fields_out_of_their_range_are_refused_naming_the_field(string record, string field)
    {
        var (status, body) = await PostAsync(record);
        Assert.Equal(400, status);
        Assert.Contains(body.GetProperty("errors").EnumerateArray(), e => e.GetProperty("name").GetString()!.Contains(field));
    }

    [Fact]
    public async Task a_body_over_the_limit_is_answered_413_and_nesting_past_what_json_allows_400()
    {
        var big = "[" + string.Join(",", Enumerable.Repeat("""{"process_name":"p","message":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}""", 70_000)) + "]";
        var (status, body) = await PostAsync(big);
        Assert.Equal(413, status);
        Assert.Contains("MaxBodyBytes", body.GetRawText());

        var tooDeep = """{"process_name":"p","details":""" + new string('[', 300) + new string(']', 300) + "}";
        (status, _) = await PostAsync(tooDeep);
        Assert.Equal(400, status);
    }
}
