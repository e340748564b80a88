using System.Text.Json;
using Alba;
using Hub.Tests.Infrastructure;

namespace Hub.Tests.Admin.Logs;

/// <summary>The Logs page's export links: the shown filter as a download, through the signed-in session.</summary>
[Collection(AdminCollection.Name)]
public sealed class LogsExportTests(AdminFixture fixture) : IAsyncLifetime
{
    private const string Process = "admin_export_test";

    public Task InitializeAsync() => fixture.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private async Task IngestAsync() =>
        await fixture.Host.Scenario(s =>
        {
            s.Post.Json(Enumerable.Range(0, 5).Select(i => new
            {
                process_name = Process, step = "send", log_level = i == 3 ? "ERROR" : "INFO", external_system = "moysklad",
                message = i == 3 ? "Заказ <3> не создан" : $"заказ {i}", details = new { склад = "Бестужевых", n = i },
                ts = new DateTimeOffset(2026, 11, 20, 9, i, 0, TimeSpan.Zero),
            }).ToArray()).ToUrl("/api/v1/logs");
            s.StatusCodeShouldBe(202);
        });

    [Fact]
    public async Task the_page_links_the_filter_it_shows_to_csv_and_ndjson()
    {
        var result = await fixture.Host.Scenario(s =>
        {
            s.Get.Url($"/admin/logs?process={Process}&level=ERROR&period=24h");
            s.WithKey(TestKeys.Viewer);
        });
        var page = await result.ReadAsTextAsync();
        Assert.Contains($"id=\"export-csv\" href=\"/admin/logs/export?period=24h&amp;level=ERROR&amp;process={Process}&amp;page_size=500&amp;refresh=5&amp;format=csv\"", page);
        Assert.Contains("&amp;format=csv&amp;delimiter=semicolon\"", page);
        Assert.Contains("&amp;format=ndjson\" download>NDJSON</a>", page);
    }

    [Fact]
    public async Task csv_holds_exactly_the_filtered_rows_with_cyrillic_intact_and_a_file_name()
    {
        await IngestAsync();
        var result = await fixture.Host.Scenario(s =>
        {
            s.Get.Url($"/admin/logs/export?process={Process}&level=ERROR&format=csv&delimiter=semicolon");
            s.WithKey(TestKeys.Viewer);
        });
        Assert.Equal("text/csv; charset=utf-8", result.Context.Response.ContentType);
        Assert.StartsWith("attachment; filename=integration-logs_start_", result.Context.Response.Headers.ContentDisposition.ToString());
        var text = await result.ReadAsTextAsync();
        var lines = text.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("id;ts;", lines[0]);
        Assert.Contains("Заказ <3> не создан", lines[1]);
        Assert.Contains("\"{\"\"n\"\": 3, \"\"склад\"\": \"\"Бестужевых\"\"}\"", lines[1]);
    }

    [Fact]
    public async Task ndjson_is_one_record_per_line_newest_first()
    {
        await IngestAsync();
        var result = await fixture.Host.Scenario(s =>
        {
            s.Get.Url($"/admin/logs/export?process={Process}&format=ndjson");
            s.WithKey(TestKeys.Viewer);
        });
        Assert.Equal("application/x-ndjson; charset=utf-8", result.Context.Response.ContentType);
        var records = (await result.ReadAsTextAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal([4, 3, 2, 1, 0], records.Select(r => r.GetProperty("details").GetProperty("n").GetInt32()));
    }

    [Theory]
    [InlineData("format=xlsx", "Формат — csv или ndjson")]
    [InlineData("format=csv&delimiter=tab", "Разделитель — comma (запятая) или semicolon (точка с запятой)")]
    [InlineData("format=csv&run_id=not-a-uuid", "Идентификатор запуска (run_id) — не UUID")]
    public async Task a_bad_export_request_gets_a_readable_page_instead_of_a_file(string query, string message)
    {
        var result = await fixture.Host.Scenario(s =>
        {
            s.Get.Url($"/admin/logs/export?{query}");
            s.WithRequestHeader("Accept", "text/html");
            s.WithKey(TestKeys.Viewer);
            s.StatusCodeShouldBe(400);
        });
        Assert.Equal("text/html; charset=utf-8", result.Context.Response.ContentType);
        var page = await result.ReadAsTextAsync();
        Assert.Contains("Выгрузка невозможна: ", page);
        Assert.Contains(message, page);
    }

    [Fact]
    public async Task without_a_session_nothing_is_exported()
    {
        await IngestAsync();
        var result = await fixture.Host.Scenario(s =>
        {
            s.Get.Url("/admin/logs/export?format=csv");
            s.WithRequestHeader("Accept", "text/html");
            s.WithoutKey();
            s.IgnoreStatusCode();
        });
        Assert.Equal(302, result.Context.Response.StatusCode);
        Assert.DoesNotContain(Process, await result.ReadAsTextAsync());
    }
}
