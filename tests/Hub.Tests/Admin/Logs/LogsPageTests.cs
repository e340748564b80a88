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

    private static object Log(string message, int minute = 0, object? details = null, string level = "INFO", string? runId = null,
        string system = "1c", string status = "success", string step = "plan", string process = "internal_replenishment",
        object? responsePayload = null, string? requestId = null) => new
    {
        process_name = process, step, log_level = level, status, external_system = system, request_id = requestId,
        message, details, run_id = runId, response_payload = responsePayload, ts = new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero).AddMinutes(minute),
    };

    private async Task<(int Status, string Body)> GetAsync(string url, bool htmx = false, string? key = null, string? language = null)
    {
        var (status, body, _) = await GetWithHeadersAsync(url, htmx, key, language);
        return (status, body);
    }

    private async Task<(int Status, string Body, Microsoft.AspNetCore.Http.IHeaderDictionary Headers)> GetWithHeadersAsync(string url, bool htmx = false,
        string? key = null, string? language = null)
    {
        var result = await fixture.Host.Scenario(s =>
        {
            s.Get.Url(url);
            s.WithRequestHeader("Accept", "text/html");
            if (htmx) s.WithRequestHeader("HX-Request", "true");
            if (key is not null) s.WithKey(key);
            if (language is not null) s.WithRequestHeader("Cookie", $"{Hub.Admin.Shell.AdminCulture.CookieName}=c={language}|uic={language}");
            s.IgnoreStatusCode();
        });
        return (result.Context.Response.StatusCode, await result.ReadAsTextAsync(), result.Context.Response.Headers);
    }

    /// <summary>The values a choice filter of the whole page offers, in order (the empty "any" first).</summary>
    private static List<string> OptionsOf(string page, string name)
    {
        var select = Regex.Match(page, $"<select name=\"{name}\">(.*?)</select>", RegexOptions.Singleline);
        Assert.True(select.Success, $"no select {name}");
        return Regex.Matches(select.Groups[1].Value, "<option value=\"([^\"]*)\"").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
    }

    [Fact]
    public async Task every_value_is_html_encoded_in_the_list_the_opened_line_the_tail_and_the_record()
    {
        var since = SinceOf((await GetAsync("/admin/logs", htmx: true)).Body);
        var ids = await IngestAsync(Log("<script>alert('m')</script>", details: new { note = "<img src=x onerror=alert(1)>" }, step: "<b>step</b>"));
        var (status, page) = await GetAsync("/admin/logs?text=%3Cscript%3E");
        Assert.Equal(200, status);
        Assert.Contains("&lt;script&gt;alert(&#x27;m&#x27;)&lt;/script&gt;", page);
        Assert.DoesNotContain("<script>alert", page);
        Assert.DoesNotContain("<b>step", page);
        Assert.Contains("&lt;b&gt;step&lt;/b&gt;", page);
        // The filter's own value is echoed into the form encoded too.
        Assert.Contains("value=\"&lt;script&gt;\"", page);

        var (_, preview) = await GetAsync($"/admin/logs/{ids[0]}/preview", htmx: true);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", preview);
        Assert.Contains("&lt;script&gt;alert(", preview);
        Assert.DoesNotContain("<img src=x", preview);
        Assert.DoesNotContain("<script>", preview);

        var (_, tail) = await GetAsync($"/admin/logs/tail?since={since}", htmx: true);
        Assert.Contains("&lt;script&gt;alert(", tail);
        Assert.DoesNotContain("<script>", tail);

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
        Assert.Contains("<html lang=\"ru\">", page);
        Assert.Contains("<form method=\"get\" action=\"/admin/logs\" class=\"filters\">", page);
        Assert.Contains("src=\"/admin/assets/htmx.min.js\"", page);
        // Auto-refresh pauses while a line is open in place, a record is open beside the list, or the tail follows.
        Assert.Contains("hx-trigger=\"every 5s\" data-pause-while=\"#logs tr.preview:not([hidden]), #record > *, #tail-on:checked\"", page);

        var (status, fragment) = await GetAsync("/admin/logs?refresh=5", htmx: true);
        Assert.Equal(200, status);
        Assert.DoesNotContain("<html", fragment);
        Assert.DoesNotContain("class=\"filters\"", fragment);
        Assert.StartsWith("<div id=\"tail\"", fragment.Trim());
        Assert.Contains("<table id=\"logs\" data-unique-rows>", fragment);
        Assert.Equal(2, Regex.Count(fragment, "<tr class=\"log\""));
        // Newest first.
        Assert.True(fragment.IndexOf("second", StringComparison.Ordinal) < fragment.IndexOf("first", StringComparison.Ordinal));
    }

    [Fact]
    public async Task the_page_reads_in_russian_by_default_and_in_english_by_the_cookie()
    {
        await IngestAsync(Log("one"));
        var (_, russian) = await GetAsync("/admin/logs");
        foreach (var word in new[] { ">Период ", ">Уровень<", ">Статус ", ">Система ", ">Процесс ", ">Шаг ", "Следить за новыми", ">Показать<", "<th>Время (MSK)</th>", "<th class=\"msg\">Сообщение</th>", "Выгрузить по этому фильтру:" })
            Assert.Contains(word, russian);
        var main = russian[russian.IndexOf("<main>", StringComparison.Ordinal)..];
        foreach (var english in new[] { "Period", "Follow new records", "Load more", "Export this filter", "No log records", "Process / step", ">Show<" })
            Assert.DoesNotContain(english, main);

        var (_, english_) = await GetAsync("/admin/logs", language: "en");
        Assert.Contains("<th>Time (MSK)</th>", english_);
        Assert.Contains("Follow new records", english_);
        Assert.Contains("2026-11-20 12:00:00", english_);
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
        Assert.Contains("<input type=\"checkbox\" name=\"level\" value=\"ERROR\" checked>", byLevel);
        Assert.Contains("<input type=\"checkbox\" name=\"level\" value=\"INFO\">", byLevel);
        Assert.Contains("<option value=\"100\" selected>", byLevel);
    }

    [Fact]
    public async Task several_levels_are_shown_at_once_as_ticked_boxes_or_as_the_apis_comma_list()
    {
        await IngestAsync(Log("debug", 0, level: "DEBUG"), Log("info", 1, level: "INFO"), Log("warning", 2, level: "WARNING"), Log("error", 3, level: "ERROR"));
        var (_, ticked) = await GetAsync("/admin/logs?level=ERROR&level=WARNING");
        Assert.Equal(2, Regex.Count(ticked, "<tr class=\"log\""));
        Assert.Contains("warning<", ticked);
        Assert.Contains("error<", ticked);
        Assert.DoesNotContain(">info<", ticked);
        Assert.Contains("value=\"ERROR\" checked>", ticked);
        Assert.Contains("value=\"WARNING\" checked>", ticked);
        Assert.Contains("value=\"DEBUG\">", ticked);
        // The links the page writes (export, load more, tail) carry both.
        Assert.Contains("/admin/logs/tail?level=ERROR&amp;level=WARNING&amp;", ticked);

        var (_, listed) = await GetAsync("/admin/logs?level=error,warn", htmx: true);
        Assert.Equal(2, Regex.Count(listed, "<tr class=\"log\""));

        // The API takes the same comma list.
        var api = await (await fixture.Host.Scenario(x => x.Get.Url("/api/v1/logs?level=ERROR,WARNING"))).ReadJsonAsync();
        Assert.Equal(["error", "warning"], api.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("message").GetString()!).ToArray());

        var (bad, refused) = await GetAsync("/admin/logs?level=ERROR&level=LOUD");
        Assert.Equal(400, bad);
        Assert.Contains("Уровень — один из DEBUG, INFO, WARNING, ERROR, CRITICAL", refused);
    }

    [Fact]
    public async Task the_choice_filters_offer_exactly_the_values_that_exist()
    {
        await IngestAsync(
            Log("a", 0, system: "1c", status: "success", step: "plan", process: "internal_replenishment"),
            Log("b", 1, system: "moysklad", status: "failed", step: "delivery", process: "internal_replenishment"),
            Log("c", 2, system: "moysklad", status: "retrying", step: "delivery", process: "stock_sync"),
            Log("d", 3, system: "1c", status: "success", step: "plan", process: "stock_sync"));
        var (_, page) = await GetAsync("/admin/logs");
        Assert.Equal(["", "1c", "moysklad"], OptionsOf(page, "external_system"));
        Assert.Equal(["", "failed", "retrying", "success"], OptionsOf(page, "status"));
        Assert.Equal(["", "delivery", "plan"], OptionsOf(page, "step"));
        Assert.Equal(["", "internal_replenishment", "stock_sync"], OptionsOf(page, "process"));
        Assert.Contains("<option value=\"\">любой</option>", page);

        // A chosen value is selected; one no record has (a shared link, a pruned system) is kept so the form shows the filter applied.
        var (_, chosen) = await GetAsync("/admin/logs?external_system=moysklad&step=gone");
        Assert.Contains("<option value=\"moysklad\" selected>moysklad</option>", chosen);
        Assert.Equal(["", "delivery", "plan", "gone"], OptionsOf(chosen, "step"));
        Assert.Contains("<option value=\"gone\" selected>gone</option>", chosen);
    }

    [Fact]
    public async Task every_value_in_a_line_links_to_the_list_filtered_by_it_keeping_the_other_filters()
    {
        var run = Guid.NewGuid().ToString();
        var order = Guid.NewGuid().ToString();
        await IngestAsync(Log("sent order", 0, system: "moysklad", status: "failed", step: "delivery", level: "ERROR", runId: run, requestId: order),
            Log("sent order too", 1, system: "1c", status: "success", step: "plan", level: "INFO"),
            Log("other text", 2, system: "moysklad", status: "failed", step: "delivery", level: "ERROR"));
        var (_, page) = await GetAsync("/admin/logs?text=order&page_size=100", htmx: true);
        var line = Regex.Matches(page, "<tr class=\"log\"[^>]*>.*?</tr>", RegexOptions.Singleline).Select(m => m.Value).Single(l => l.Contains(">sent order<"));
        string Href(string value) =>
            WebUtility.HtmlDecode(Regex.Match(line, $"<a class=\"f[^\"]*\" href=\"([^\"]+)\"[^>]*>{Regex.Escape(value)}</a>").Groups[1].Value);

        Assert.Equal("/admin/logs?level=ERROR&text=order&page_size=100&refresh=5", Href("ERROR"));
        Assert.Equal("/admin/logs?status=failed&text=order&page_size=100&refresh=5", Href("failed"));
        Assert.Equal("/admin/logs?external_system=moysklad&text=order&page_size=100&refresh=5", Href("moysklad"));
        Assert.Equal("/admin/logs?step=delivery&text=order&page_size=100&refresh=5", Href("delivery"));
        Assert.Equal("/admin/logs?process=internal_replenishment&text=order&page_size=100&refresh=5", Href("internal_replenishment"));

        // Followed, the link narrows the list by that value and the filter already there.
        var (_, narrowed) = await GetAsync(Href("moysklad"), htmx: true);
        Assert.Equal(1, Regex.Count(narrowed, "<tr class=\"log\""));
        Assert.Contains("sent order", narrowed);

        // The ids are links in the opened line.
        var id = Regex.Match(line, "data-id=\"([^\"]+)\"").Groups[1].Value;
        var (_, preview) = await GetAsync($"/admin/logs/{id}/preview?text=order", htmx: true);
        Assert.Contains($"href=\"/admin/logs?run_id={run}&amp;text=order&amp;page_size=500&amp;refresh=5\"", preview);
        Assert.Contains($"href=\"/admin/logs?request_id={order}&amp;text=order&amp;page_size=500&amp;refresh=5\"", preview);
    }

    [Fact]
    public async Task times_show_in_moscow_time_named_on_the_page_and_a_typed_time_is_read_as_moscow_time()
    {
        // 09:00 and 09:10 UTC are 12:00 and 12:10 in Moscow.
        await IngestAsync(Log("at nine UTC"), Log("ten past nine UTC", 10));
        var (_, page) = await GetAsync("/admin/logs?from=2026-11-20T00:00Z");
        Assert.Contains("<th>Время (MSK)</th>", page);
        Assert.Contains("20.11.2026 12:00:00", page);
        Assert.DoesNotContain("20.11.2026 09:00:00", page);
        Assert.Contains("<span class=\"zone\" title=\"Время на страницах: Europe/Moscow\">MSK</span>", page);

        // "12:05" typed without a zone is Moscow time (09:05 UTC): only the later record is at or after it; with Z it is UTC.
        var (_, moscow) = await GetAsync("/admin/logs?from=2026-11-20%2012:05", htmx: true);
        Assert.Contains("ten past nine UTC", moscow);
        Assert.DoesNotContain("at nine UTC", moscow);
        // As the page writes times too.
        var (_, russian) = await GetAsync("/admin/logs?from=20.11.2026%2012:05", htmx: true);
        Assert.Contains("ten past nine UTC", russian);
        Assert.DoesNotContain("at nine UTC", russian);
        var (_, utc) = await GetAsync("/admin/logs?from=2026-11-20T08:59Z", htmx: true);
        Assert.Contains("at nine UTC", utc);
        // The first day of year 1 in Moscow is before any instant: said so, never a 500.
        var (status, early) = await GetAsync("/admin/logs?from=0001-01-01%2000:00");
        Assert.Equal(400, status);
        Assert.Contains("from: не дата и время", early);
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
        Assert.Contains(">Показать ещё</a>", first);

        var (status, rows) = await GetAsync(WebUtility.HtmlDecode(more.Groups[1].Value), htmx: true);
        Assert.Equal(200, status);
        Assert.StartsWith("<tr class=\"log\"", rows.Trim());
        Assert.Equal(30, Regex.Count(rows, "<tr class=\"log\""));
        Assert.Contains("row 0<", rows);
        Assert.DoesNotContain("id=\"more\"", rows);
    }

    [Fact]
    public async Task a_line_is_one_row_and_opens_in_place_with_its_json_pretty_printed_and_cut_at_1500_characters()
    {
        var long_ = new string('x', 4000);
        var ids = await IngestAsync(Log("big " + new string('m', 1000), details: new { blob = long_ }));
        var (_, page) = await GetAsync("/admin/logs", htmx: true);
        // The list carries no payload: one line, its message cut, and an empty line to open under it.
        Assert.Equal(1, Regex.Count(page, "<tr class=\"log\""));
        Assert.DoesNotContain("xxxxxxxxxx", page);
        Assert.DoesNotContain(new string('m', 301), page);
        Assert.Contains($"<tr class=\"preview\" id=\"p-{ids[0]}\" hidden><td colspan=\"6\"></td></tr>", page);
        Assert.Matches($"<button type=\"button\" class=\"disclose\" aria-expanded=\"false\" aria-controls=\"p-{ids[0]}\"[^>]* hx-get=\"/admin/logs/{ids[0]}/preview\\?[^\"]*\" hx-trigger=\"click once\" hx-target=\"#p-{ids[0]} &gt; td\"", page);

        var (status, preview) = await GetAsync($"/admin/logs/{ids[0]}/preview", htmx: true);
        Assert.Equal(200, status);
        Assert.DoesNotContain("<html", preview);
        Assert.StartsWith("<div class=\"expanded\"", preview.Trim());
        // The message whole, the JSON indented and cut at 1500 characters, saying so, with the way to all of it.
        Assert.Contains(new string('m', 1000), preview);
        Assert.Contains("<h4 title=\"details\">Подробности</h4>", preview);
        Assert.Contains($"<dt title=\"id\">Идентификатор записи</dt><dd>{ids[0]}</dd>", preview);
        var json = WebUtility.HtmlDecode(Regex.Match(preview, "<pre class=\"json\">(.*?)</pre>", RegexOptions.Singleline).Groups[1].Value);
        Assert.StartsWith("{\n  \"blob\": \"xxx", json);
        Assert.Equal(LogsViewPreviewLength + 1, json.Length);
        Assert.EndsWith("x…", json);
        Assert.Contains($"<a href=\"/admin/logs/{ids[0]}\">показать всё</a>", preview);

        var (_, record) = await GetAsync($"/admin/logs/{ids[0]}", htmx: true);
        Assert.DoesNotContain("<html", record);
        Assert.Contains(long_, record);
        // The count it names is the whole indented text's, as the record shows it, in Russian digits (1 500).
        var whole = WebUtility.HtmlDecode(Regex.Match(record, "<pre class=\"json\">(.*?)</pre>", RegexOptions.Singleline).Groups[1].Value);
        Assert.StartsWith(json[..^1], whole);
        var ru = System.Globalization.CultureInfo.GetCultureInfo("ru-RU");
        Assert.Contains($"Показаны первые {1500.ToString("N0", ru)} из {whole.Length.ToString("N0", ru)} символов.", WebUtility.HtmlDecode(preview));
        Assert.Contains("<dt>process_name</dt><dd>internal_replenishment</dd>", record);
        Assert.Contains("class=\"close\"", record);

        var (_, full) = await GetAsync($"/admin/logs/{ids[0]}");
        Assert.StartsWith("<!DOCTYPE html>", full);
    }

    private const int LogsViewPreviewLength = Hub.Admin.Logs.LogsView.PreviewLength;

    [Fact]
    public async Task cyrillic_bodies_show_as_characters_never_as_escapes_even_when_logged_as_json_text()
    {
        // The test's JSON escapes Cyrillic on the wire (\u0411…), as МойСклад's bodies do; a body logged as text holds JSON with escapes.
        var ids = await IngestAsync(Log("МойСклад answered", details: new { store = "Бестужевых" },
            responsePayload: "{\"errors\":[{\"error\":\"\\u041e\\u0448\\u0438\\u0431\\u043a\\u0430\"}]}"));
        var (_, preview) = await GetAsync($"/admin/logs/{ids[0]}/preview", htmx: true);
        Assert.Contains("&quot;store&quot;: &quot;Бестужевых&quot;", preview);
        Assert.Contains("&quot;error&quot;: &quot;Ошибка&quot;", preview);
        Assert.DoesNotContain("\\u04", preview);
        var (_, record) = await GetAsync($"/admin/logs/{ids[0]}");
        Assert.Contains("Ошибка", record);
        Assert.DoesNotContain("\\u04", record);
    }

    [Fact]
    public async Task numbers_in_an_opened_line_are_written_as_the_users_culture_writes_them()
    {
        var ids = await IngestAsync(new { process_name = "sync", message = "slow", elapsed_ms = 1234567, retry_count = 3 });
        var (_, russian) = await GetAsync($"/admin/logs/{ids[0]}/preview", htmx: true);
        var ru = System.Globalization.CultureInfo.GetCultureInfo("ru-RU");
        Assert.Contains($"<dt title=\"elapsed_ms\">Длительность, мс</dt><dd>{1234567.ToString("N0", ru)}</dd>", WebUtility.HtmlDecode(russian));
        Assert.Contains("<dt title=\"retry_count\">Повторы</dt><dd>3</dd>", russian);
        var (_, english) = await GetAsync($"/admin/logs/{ids[0]}/preview", htmx: true, language: "en");
        Assert.Contains("<dt title=\"elapsed_ms\">Elapsed, ms</dt><dd>1,234,567</dd>", english);
    }

    [Fact]
    public async Task the_tail_gives_only_newer_records_matching_the_filters_and_nothing_when_there_are_none()
    {
        await IngestAsync(Log("already shown", system: "1c"));
        var (_, page) = await GetAsync("/admin/logs?external_system=1c&tail=1");
        Assert.Contains("<input type=\"checkbox\" name=\"tail\" value=\"1\" id=\"tail-on\" data-url-flag checked>", page);
        Assert.Contains("hx-get=\"/admin/logs/tail?external_system=1c&amp;page_size=500&amp;refresh=5&amp;tail=1\" hx-trigger=\"every 3s\" hx-target=\"#logs tbody\" hx-swap=\"afterbegin\"", page);
        Assert.Contains("data-pause-while=\"#tail-on:not(:checked)\" data-pause-hidden", page);
        var since = SinceOf(page);

        var (status, body, headers) = await GetWithHeadersAsync($"/admin/logs/tail?external_system=1c&since={since}", htmx: true);
        Assert.Equal(200, status);
        Assert.Equal("", body);
        Assert.Equal(since, headers["X-Hub-Tail-Since"].ToString());

        await IngestAsync(Log("new of 1c", 5, system: "1c"), Log("new of moysklad", 6, system: "moysklad"));
        await IngestAsync(Log("newer of 1c", 1, system: "1c"));
        var (_, fresh, after) = await GetWithHeadersAsync($"/admin/logs/tail?external_system=1c&since={since}", htmx: true);
        Assert.Equal(2, Regex.Count(fresh, "<tr class=\"log\""));
        Assert.StartsWith("<tr class=\"log\"", fresh.Trim());
        Assert.DoesNotContain("already shown", fresh);
        Assert.DoesNotContain("moysklad", fresh);
        // Newest arrival on top, whatever its own time says, as it goes on top of the list.
        Assert.True(fresh.IndexOf("newer of 1c", StringComparison.Ordinal) < fresh.IndexOf("new of 1c", StringComparison.Ordinal));
        var next = after["X-Hub-Tail-Since"].ToString();
        Assert.NotEqual(since, next);

        var (_, nothing) = await GetAsync($"/admin/logs/tail?external_system=1c&since={next}", htmx: true);
        Assert.Equal("", nothing);

        var (bad, refused) = await GetAsync("/admin/logs/tail?since=nonsense", htmx: true);
        Assert.Equal(400, bad);
        Assert.Contains("since — не курсор", refused);
    }

    [Fact]
    public async Task an_empty_result_says_so_and_a_bad_filter_says_what_is_wrong()
    {
        var (status, empty) = await GetAsync("/admin/logs?text=nothing-like-this");
        Assert.Equal(200, status);
        Assert.Contains("Нет записей, подходящих под эти фильтры.", empty);

        var (bad, page) = await GetAsync("/admin/logs?run_id=not-a-uuid&from=yesterday");
        Assert.Equal(400, bad);
        Assert.Contains("Идентификатор запуска (run_id) — не UUID", page);
        Assert.Contains("from: не дата и время", page);
        Assert.Contains("class=\"filters\"", page);

        var (_, english) = await GetAsync("/admin/logs?run_id=not-a-uuid&from=yesterday", language: "en");
        Assert.Contains("run_id is not a UUID", english);
        Assert.Contains("from is not a date and time", english);
    }

    [Fact]
    public async Task a_missing_record_is_a_readable_404()
    {
        var (status, page) = await GetAsync($"/admin/logs/{Guid.NewGuid()}");
        Assert.Equal(404, status);
        Assert.Contains("Записи журнала с идентификатором", page);
        var (previewStatus, _) = await GetAsync($"/admin/logs/{Guid.NewGuid()}/preview", htmx: true);
        Assert.Equal(404, previewStatus);
    }

    [Fact]
    public async Task an_ingest_key_may_not_read_the_pages()
    {
        var (status, _) = await GetAsync("/admin/logs", key: TestKeys.Ingest);
        Assert.Equal(403, status);
        var (tail, _) = await GetAsync("/admin/logs/tail", key: TestKeys.Ingest);
        Assert.Equal(403, tail);
        var (viewer, _) = await GetAsync("/admin/logs", key: TestKeys.Viewer);
        Assert.Equal(200, viewer);
    }

    private static string SinceOf(string page)
    {
        var since = Regex.Match(page, "<div id=\"tail\"[^>]* data-since=\"([^\"]+)\"");
        Assert.True(since.Success, "no tail poller");
        return WebUtility.HtmlDecode(since.Groups[1].Value);
    }

    [GeneratedRegex("<tr id=\"more\"><td colspan=\"6\"><a href=\"([^\"]+)\"")]
    private static partial Regex MoreLink();
}
