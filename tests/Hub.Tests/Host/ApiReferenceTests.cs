using Alba;
using Hub.Tests.Infrastructure;
using Hub.Tests.Logs;

namespace Hub.Tests.Host;

[Collection(LogsCollection.Name)]
public sealed class ApiReferenceTests(LogsFixture fixture)
{
    [Fact]
    public async Task openapi_document_lists_the_logs_api_with_its_real_query_parameters()
    {
        var doc = await (await fixture.Host.Scenario(s => s.Get.Url("/openapi/v1.json"))).ReadJsonAsync();
        var paths = doc.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/logs/{id}", out _));
        var list = paths.GetProperty("/api/v1/logs").GetProperty("get");
        Assert.False(list.TryGetProperty("requestBody", out _));
        var names = list.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToHashSet();
        foreach (var name in new[] { "from", "to", "level", "status", "process", "step", "external_system", "run_id", "request_id", "job_id", "text", "page_size", "next" })
            Assert.Contains(name, names);
        Assert.True(doc.GetProperty("components").GetProperty("schemas").GetProperty("IncomingLog").GetProperty("properties").TryGetProperty("process_name", out _));

        var export = paths.GetProperty("/api/v1/logs/export").GetProperty("get").GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToHashSet();
        foreach (var name in new[] { "format", "delimiter", "from", "to", "level", "external_system", "run_id", "text" })
            Assert.Contains(name, export);
        var stats = paths.GetProperty("/api/v1/logs/stats").GetProperty("get").GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToHashSet();
        foreach (var name in new[] { "bucket", "from", "to", "system", "process", "group_by", "tz" })
            Assert.Contains(name, stats);
    }

    [Fact]
    public async Task every_operation_has_a_summary_every_parameter_a_description_and_every_error_its_problem_shape()
    {
        var doc = await (await fixture.Host.Scenario(s => s.Get.Url("/openapi/v1.json"))).ReadJsonAsync();
        Assert.Equal("Integration Hub API", doc.GetProperty("info").GetProperty("title").GetString());
        var schemas = doc.GetProperty("components").GetProperty("schemas");
        Assert.True(schemas.GetProperty("ValidationProblemDetails").GetProperty("properties").TryGetProperty("errors", out _));
        Assert.True(schemas.GetProperty("ProblemDetails").GetProperty("properties").TryGetProperty("detail", out _));

        var seen = new HashSet<string>();
        foreach (var path in doc.GetProperty("paths").EnumerateObject())
        foreach (var op in path.Value.EnumerateObject())
        {
            var where = $"{op.Name.ToUpperInvariant()} {path.Name}";
            Assert.False(string.IsNullOrWhiteSpace(op.Value.TryGetProperty("summary", out var s) ? s.GetString() : null), $"{where} has no summary");
            if (op.Value.TryGetProperty("parameters", out var parameters))
                foreach (var p in parameters.EnumerateArray())
                {
                    var name = p.GetProperty("name").GetString()!;
                    Assert.False(name.StartsWith("Parsed", StringComparison.OrdinalIgnoreCase), $"{where} shows the internal {name}");
                    Assert.False(string.IsNullOrWhiteSpace(p.TryGetProperty("description", out var d) ? d.GetString() : null), $"{where}: {name} has no description");
                }
            // The health probes answer 503 with their own report; the API answers problem details.
            foreach (var response in op.Value.GetProperty("responses").EnumerateObject().Where(r => r.Name[0] is '4' or '5' && path.Name.StartsWith("/api/", StringComparison.Ordinal)))
            {
                seen.Add(response.Name);
                var schema = response.Value.GetProperty("content").GetProperty("application/problem+json").GetProperty("schema").GetProperty("$ref").GetString();
                Assert.Contains("ProblemDetails", schema);
            }
            if (path.Name.StartsWith("/api/", StringComparison.Ordinal))
                foreach (var status in new[] { "401", "403", "503" })
                    Assert.True(op.Value.GetProperty("responses").TryGetProperty(status, out _), $"{where} lacks {status}");
        }
        foreach (var status in new[] { "400", "401", "403", "404", "409", "413", "503" }) Assert.Contains(status, seen);

        // Allowed values where there is a fixed set.
        var paths = doc.GetProperty("paths");
        var export = paths.GetProperty("/api/v1/logs/export").GetProperty("get").GetProperty("parameters").EnumerateArray()
            .Single(p => p.GetProperty("name").GetString() == "format");
        Assert.Equal(["csv", "ndjson"], export.GetProperty("schema").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        var level = paths.GetProperty("/api/v1/logs").GetProperty("get").GetProperty("parameters").EnumerateArray()
            .Single(p => p.GetProperty("name").GetString() == "level");
        Assert.Contains("WARNING", level.GetProperty("schema").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));

        // Ingest in each of its forms: a record, an array, {"logs": [...]}.
        var ingest = paths.GetProperty("/api/v1/logs").GetProperty("post").GetProperty("requestBody").GetProperty("content").GetProperty("application/json");
        var forms = ingest.GetProperty("schema").GetProperty("oneOf").EnumerateArray().ToList();
        Assert.Equal(3, forms.Count);
        Assert.Contains(forms, f => f.TryGetProperty("type", out var t) && t.GetString() == "array");
        Assert.Contains(forms, f => f.TryGetProperty("properties", out var props) && props.TryGetProperty("logs", out _));
        Assert.Equal(["one", "array", "wrapped"], ingest.GetProperty("examples").EnumerateObject().Select(e => e.Name));
    }

    [Fact]
    public async Task the_browsable_reference_is_served_from_the_hub_itself()
    {
        var page = await fixture.Host.Scenario(s => s.Get.Url("/docs/"));
        var html = await page.ReadAsTextAsync();
        Assert.Contains("openapi/v1.json", html);
        // No fonts, scripts or services from elsewhere: the reference works where the hub has no internet.
        Assert.DoesNotContain("cdn.jsdelivr.net", html);
        Assert.DoesNotContain("fonts.scalar.com", html);
        await fixture.Host.Scenario(s => { s.Get.Url("/docs/scalar.js"); s.StatusCodeShouldBeOk(); });
    }

    [Fact]
    public async Task root_says_ok()
    {
        var body = await (await fixture.Host.Scenario(s => s.Get.Url("/"))).ReadJsonAsync();
        Assert.Equal("ok", body.GetProperty("status").GetString());
    }
}
