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
    public async Task the_browsable_reference_is_served_from_the_hub_itself()
    {
        var page = await fixture.Host.Scenario(s => s.Get.Url("/docs/"));
        var html = await page.ReadAsTextAsync();
        Assert.Contains("openapi/v1.json", html);
        await fixture.Host.Scenario(s => { s.Get.Url("/docs/scalar.js"); s.StatusCodeShouldBeOk(); });
    }

    [Fact]
    public async Task root_says_ok()
    {
        var body = await (await fixture.Host.Scenario(s => s.Get.Url("/"))).ReadJsonAsync();
        Assert.Equal("ok", body.GetProperty("status").GetString());
    }
}
