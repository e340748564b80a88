using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Alba;
using Hub.Tests.Infrastructure;

namespace Hub.Tests.Admin.Logs;

[Collection(AdminCollection.Name)]
public sealed partial class LogsPageTests(AdminFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<List<string>> IngestAsync(params object[] logs)
    {
        var body = await (await fixture.Host.Scenario(s =>
        {
            s.Post.Json(logs).ToUrl("/api/v1/logs");
            s.StatusCodeShouldBe(202);
        })).ReadJsonAsync();
        return body.GetProperty("ids").EnumerateArray().Select(i => i.GetString()!).ToList();
    }

    private static object Log(string message, int minute = 0, object? details = null, string level = "INFO", string? runId = null) => new
    {
        process_name = "internal_replenishment", step = "plan", log_level = level, status = "success", external_system = "1c",
        message, details, run_id = runId, ts = new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero).AddMinutes(minute),
    };

    private async Task<(int Status, string Body)> GetAsync(string url, bool htmx = false, string? key = null)
    {
        var result = await fixture.Host.Scenario(s =>
        {
            s.Get.Url(url);
            s.WithRequestHeader("Accept", "text/html");
            if (htmx) s.WithRequestHeader("HX-Request", "true");
            if (key is not null) s.WithKey(key);
            s.IgnoreStatusCode();
        });
        return (result.Context.Response.StatusCode, await result.ReadAsTextAsync());
    }

    [Fact]
    public async Task every_value_is_html_encoded_in_the_list_and_the_record()
    {
        var ids = await IngestAsync(Log("<script>alert('m')</script>", details: new { note = "<img src=x onerror=alert(1)>" }));
        var (status, page) = await GetAsync("/admin/logs?text=%3Cscript%3E");
        Assert.Equal(200, status);
        Assert.Contains("&lt;script&gt;alert(&#x27;m&#x27;)&lt;/script&gt;", page);
        Assert.DoesNotContain("<script>alert", page);
        Assert.DoesNotContain("<img src=x", page);
        // The filter's own value is echoed into the form encoded too.
        Assert.Contains("value=\"&lt;script&gt;\"", page);

        var (_, record) = await GetAsync($"/admin/logs/{ids[0]}");
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", record);
        Assert.DoesNotContain("<img src=x", record);
    }

    [Fact]
    public async Task a_browser_gets_the_whole_page_and_htmx_only_the_results()
    {
        await IngestAsync(Log("first"), Log("second", 1));
        var (_, page) = await GetAsync("/admin/logs?refresh=5");
        Assert.StartsWith("<!DOCTYPE html>", page);
        Assert.Contains("<form method=\"get\" action=\"/admin/logs\" class=\"filters\">", page);
        Assert.Contains("src=\"/admin/assets/htmx.min.js\"", page);
        Assert.Contains("hx-trigger=\"every 5s\" data-pause-while=\"#record > *\"", page);

        var (status, fragment) = await GetAsync("/admin/logs?refresh=5", htmx: true);
        Assert.Equal(200, status);
        Assert.DoesNotContain("<html", fragment);
        Assert.DoesNotContain("class=\"filters\"", fragment);
        Assert.StartsWith("<table id=\"logs\">", fragment.Trim());
        Assert.Equal(2, Regex.Count(fragment, "<tr class=\"log\""));
        // Newest first.
        Assert.True(fragment.IndexOf("second", StringComparison.Ordinal) < fragment.IndexOf("first", StringComparison.Ordinal));
    }

    [Fact]
    public async Task filters_live_in_the_url_and_narrow_the_list()
    {
        var run = Guid.NewGuid().ToString();
        await IngestAsync(Log("of the run", runId: run, level: "ERROR"), Log("another", 1), Log("another error", 2, level: "ERROR"));
        var (_, byRun) = await GetAsync($"/admin/logs?run_id={run}", htmx: true);
        Assert.Contains("of the run", byRun);
        Assert.DoesNotContain("another", byRun);

        var (_, byLevel) = await GetAsync("/admin/logs?level=ERROR&page_size=100");
        Assert.Equal(2, Regex.Count(byLevel, "<tr class=\"log\""));
        Assert.Contains("<option value=\"ERROR\" selected>", byLevel);
        Assert.Contains("<option value=\"100\" selected>", byLevel);
    }

    [Fact]
    public async Task times_show_in_moscow_time_named_on_the_page_and_a_typed_time_is_read_as_moscow_time()
    {
        // 09:00 and 09:10 UTC are 12:00 and 12:10 in Moscow.
        await IngestAsync(Log("at nine UTC"), Log("ten past nine UTC", 10));
        var (_, page) = await GetAsync("/admin/logs?from=2026-11-20T00:00Z");
        Assert.Contains("<th>Time (MSK)</th>", page);
        Assert.Contains("2026-11-20 12:00:00", page);
        Assert.DoesNotContain("2026-11-20 09:00:00", page);
        Assert.Contains("<span class=\"zone\" title=\"Время на страницах: Europe/Moscow\">MSK</span>", page);

        // "12:05" typed without a zone is Moscow time (09:05 UTC): only the later record is at or after it; with Z it is UTC.
        var (_, moscow) = await GetAsync("/admin/logs?from=2026-11-20%2012:05", htmx: true);
        Assert.Contains("ten past nine UTC", moscow);
        Assert.DoesNotContain("at nine UTC", moscow);
        var (_, utc) = await GetAsync("/admin/logs?from=2026-11-20T08:59Z", htmx: true);
        Assert.Contains("at nine UTC", utc);
        // The first day of year 1 in Moscow is before any instant: said so, never a 500.
        var (status, early) = await GetAsync("/admin/logs?from=0001-01-01%2000:00");
        Assert.Equal(400, status);
        Assert.Contains("from is not a date and time", early);
        // The API keeps UTC.
        var api = await (await fixture.Host.Scenario(x => x.Get.Url("/api/v1/logs?from=2026-11-20T00:00Z&to=2026-11-21T00:00Z"))).ReadAsTextAsync();
        Assert.Contains("2026-11-20T09:00:00", api);
    }

    [Fact]
    public async Task load_more_fetches_the_next_keyset_page_in_place()
    {
        await IngestAsync(Enumerable.Range(0, 130).Select(i => Log($"row {i}", i)).ToArray());
        var (_, first) = await GetAsync("/admin/logs?page_size=100", htmx: true);
        Assert.Equal(100, Regex.Count(first, "<tr class=\"log\""));
        var more = MoreLink().Match(first);
        Assert.True(more.Success, "no load-more row");

        var (status, rows) = await GetAsync(WebUtility.HtmlDecode(more.Groups[1].Value), htmx: true);
        Assert.Equal(200, status);
        Assert.StartsWith("<tr class=\"log\"", rows.Trim());
        Assert.Equal(30, Regex.Count(rows, "<tr class=\"log\""));
        Assert.Contains("row 0<", rows);
        Assert.DoesNotContain("id=\"more\"", rows);
    }

    [Fact]
    public async Task a_row_previews_json_cut_at_1500_characters_and_the_record_shows_it_whole()
    {
        var long_ = new string('x', 4000);
        var ids = await IngestAsync(Log("big", details: new { blob = long_ }));
        var (_, page) = await GetAsync("/admin/logs", htmx: true);
        var preview = PreviewBlock().Match(page).Groups[1].Value;
        Assert.StartsWith("{&quot;blob&quot;: &quot;xxx", preview);
        Assert.Contains("more characters)", preview);
        Assert.InRange(Regex.Count(preview, "x"), 1490, 1510);

        var (status, record) = await GetAsync($"/admin/logs/{ids[0]}", htmx: true);
        Assert.Equal(200, status);
        Assert.DoesNotContain("<html", record);
        Assert.Contains(long_, record);
        Assert.Contains("<dt>process_name</dt><dd>internal_replenishment</dd>", record);
        Assert.Contains("class=\"close\"", record);

        var (_, full) = await GetAsync($"/admin/logs/{ids[0]}");
        Assert.StartsWith("<!DOCTYPE html>", full);
    }

    [Fact]
    public async Task an_empty_result_says_so_and_a_bad_filter_says_what_is_wrong()
    {
        var (status, empty) = await GetAsync("/admin/logs?text=nothing-like-this");
        Assert.Equal(200, status);
        Assert.Contains("No log records match these filters.", empty);

        var (bad, page) = await GetAsync("/admin/logs?run_id=not-a-uuid&from=yesterday");
        Assert.Equal(400, bad);
        Assert.Contains("run_id is not a UUID", page);
        Assert.Contains("from is not a date and time", page);
        Assert.Contains("class=\"filters\"", page);
    }

    [Fact]
    public async Task a_missing_record_is_a_readable_404()
    {
        var (status, page) = await GetAsync($"/admin/logs/{Guid.NewGuid()}");
        Assert.Equal(404, status);
        Assert.Contains("No log record has id", page);
    }

    [Fact]
    public async Task an_ingest_key_may_not_read_the_pages()
    {
        var (status, _) = await GetAsync("/admin/logs", key: TestKeys.Ingest);
        Assert.Equal(403, status);
        var (viewer, _) = await GetAsync("/admin/logs", key: TestKeys.Viewer);
        Assert.Equal(200, viewer);
    }

    [GeneratedRegex("<tr id=\"more\"><td colspan=\"8\"><a href=\"([^\"]+)\"")]
    private static partial Regex MoreLink();

    [GeneratedRegex("<td><pre>([^<]*)</pre></td>")]
    private static partial Regex PreviewBlock();
}
