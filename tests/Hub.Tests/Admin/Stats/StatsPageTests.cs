using System.Text.RegularExpressions;
using Alba;
using Hub.Admin.Shell;
using Hub.Tests.Infrastructure;

namespace Hub.Tests.Admin.Stats;

[Collection(AdminCollection.Name)]
public sealed partial class StatsPageTests(AdminFixture fixture) : IAsyncLifetime
{
    // The hub's own start-up check writes logs of 1c and МойСклад at any moment; these tests look at a process of their own.
    private const string Process = "stats_page_test";

    public Task InitializeAsync() => fixture.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private async Task IngestAsync(params object[] logs) =>
        await fixture.Host.Scenario(s =>
        {
            s.Post.Json(logs).ToUrl("/api/v1/logs");
            s.StatusCodeShouldBe(202);
        });

    private static object Log(string system, string status, long? elapsed, int hoursAgo = 2) => new
    {
        process_name = Process, step = "send", status, external_system = system, elapsed_ms = elapsed, message = $"{system} {status}",
        ts = DateTimeOffset.UtcNow.AddHours(-hoursAgo),
    };

    private async Task<(int Status, string Body)> GetAsync(string url, bool htmx = false, string key = TestKeys.Viewer, string? language = null)
    {
        var result = await fixture.Host.Scenario(s =>
        {
            s.Get.Url(url);
            s.WithRequestHeader("Accept", "text/html");
            if (htmx) s.WithRequestHeader("HX-Request", "true");
            if (language is not null) s.WithRequestHeader("Cookie", $"{AdminCulture.CookieName}=c={language}|uic={language}");
            s.WithKey(key);
            s.IgnoreStatusCode();
        });
        return (result.Context.Response.StatusCode, await result.ReadAsTextAsync());
    }

    private static string Section(string page, string system)
    {
        var match = Regex.Match(page, $"<section class=\"system\" data-system=\"{Regex.Escape(system)}\">.*?</section>", RegexOptions.Singleline);
        Assert.True(match.Success, $"no section for {system}");
        return match.Value;
    }

    [Fact]
    public async Task each_system_gets_volume_failure_and_p95_charts_and_the_table_has_its_counts()
    {
        await IngestAsync(
            Log("amocrm", "success", 100), Log("amocrm", "success", 200), Log("amocrm", "success", 300), Log("amocrm", "failed", 900),
            Log("wms", "success", 50), Log("wms", "retrying", 70, hoursAgo: 5));

        var (status, page) = await GetAsync($"/admin/stats?process={Process}");
        Assert.Equal(200, status);
        Assert.Contains("<title>Статистика · Интеграционный хаб</title>", page);

        var amo = Section(page, "amocrm");
        Assert.Contains("Записей: 4, с ошибкой: 1 (25 %)", amo);
        Assert.Equal(3, ChartCount(amo));
        // Hourly: one bar slot for each of the last 24 hours, empty ones included, so the charts of all systems line up.
        Assert.Equal(3 * 24, Regex.Count(amo, "<g class=\"bar\">"));
        Assert.Equal(2, Regex.Count(amo, "<rect class=\"failed\""));
        Assert.Equal(1, Regex.Count(amo, "<rect class=\"succeeded\""));
        Assert.Equal(1, Regex.Count(amo, "<rect class=\"duration\""));
        // The bar's tooltip: its hour in Moscow time, ru-RU, and its counts in words.
        Assert.Matches(@"<title>\d{2}\.\d{2}\.\d{4} \d{2}:00: записей 4, успешно 3, с ошибкой 1, повторяются 0, p95 \d+ мс</title>", amo);

        var wms = Section(page, "wms");
        Assert.Equal(1, Regex.Count(wms, "<rect class=\"retrying\""));
        Assert.Equal(0, Regex.Count(wms, "<rect class=\"failed\""));

        var rows = Regex.Matches(page, "<tr class=\"stat\">(.*?)</tr>", RegexOptions.Singleline).Select(m => Cells(m.Groups[1].Value)).ToList();
        Assert.Equal(3, rows.Count);
        var amoRow = Assert.Single(rows, r => r[1] == "amocrm");
        Assert.Equal(["4", "3", "1", "0", "375"], amoRow[2..7]);
        // p95 of 100, 200, 300 and 900 ms is 900, read from the rollup's histogram to within 5%.
        Assert.InRange(long.Parse(amoRow[7]), 855, 945);
        Assert.Single(rows, r => r[1] == "wms" && r[5] == "1");
    }

    [Fact]
    public async Task daily_view_has_a_bar_for_each_of_thirty_days_and_the_tabs_switch()
    {
        await IngestAsync(Log("amocrm", "success", 10, hoursAgo: 24 * 3));
        var (_, hourly) = await GetAsync($"/admin/stats?process={Process}");
        Assert.Contains("<strong aria-current=\"true\">По часам, последние 24 часа</strong>", hourly);
        // Without a zone the page shows Moscow time, like every other page.
        Assert.Contains($"href=\"/admin/stats?bucket=day&amp;process={Process}&amp;tz=Europe%2FMoscow\"", hourly);
        // Three days ago is outside the hourly view.
        Assert.Contains("За последние 24 часа записей журнала по этому фильтру нет.", hourly);

        var (status, daily) = await GetAsync($"/admin/stats?bucket=day&process={Process}&tz=Europe/Moscow");
        Assert.Equal(200, status);
        var amo = Section(daily, "amocrm");
        Assert.Equal(3 * 30, Regex.Count(amo, "<g class=\"bar\">"));
        Assert.Contains("<option value=\"Europe/Moscow\" selected>", daily);
        Assert.Contains("День (MSK)", daily);
        Assert.Matches(@"<tr class=""stat""><td>\d{2}\.\d{2}\.\d{4}</td><td>amocrm</td>", daily);

        var (_, utc) = await GetAsync($"/admin/stats?bucket=day&process={Process}&tz=UTC");
        Assert.Contains("День (UTC)", utc);
    }

    [Fact]
    public async Task a_system_filter_keeps_that_system_only_and_htmx_gets_the_charts_alone()
    {
        await IngestAsync(Log("amocrm", "success", 10), Log("wms", "success", 20));
        var (_, fragment) = await GetAsync($"/admin/stats?process={Process}&system=WMS", htmx: true);
        Assert.DoesNotContain("<html", fragment);
        Assert.DoesNotContain("<form", fragment);
        Section(fragment, "wms");
        Assert.DoesNotContain("data-system=\"amocrm\"", fragment);

        var (_, page) = await GetAsync($"/admin/stats?process={Process}&system=wms");
        Assert.Contains("<a href=\"/admin/stats\" class=\"active\" aria-current=\"page\">Статистика</a>", page);
        Assert.Contains($"hx-get=\"/admin/stats?bucket=hour&amp;system=wms&amp;process={Process}&amp;tz=Europe%2FMoscow\" hx-trigger=\"every 60s\"", page);
    }

    [Fact]
    public async Task names_from_other_applications_are_encoded_in_sections_charts_and_table()
    {
        await IngestAsync(Log("<img src=x onerror=alert(1)>", "failed", 10));
        var (_, page) = await GetAsync($"/admin/stats?process={Process}");
        Assert.DoesNotContain("<img src=x", page);
        Assert.Contains("data-system=\"&lt;img src=x onerror=alert(1)&gt;\"", page);
        Assert.Contains("<td>&lt;img src=x onerror=alert(1)&gt;</td>", page);
    }

    [Fact]
    public async Task in_russian_mode_the_page_speaks_russian_and_with_the_english_cookie_english()
    {
        await IngestAsync(Log("amocrm", "success", 100), Log("amocrm", "failed", 300));
        var url = $"/admin/stats?process={Process}";

        var (_, russian) = await GetAsync(url);
        foreach (var label in new[] { "<label>Система <input name=\"system\"", "placeholder=\"все\"", "<label>Процесс ", "<label>Часовой пояс ", ">Показать</button>",
                     ">Сбросить</a>", "<a href=\"/admin/stats?bucket=day&amp;", ">По дням, последние 30 дней</a>", "<figcaption>Объём</figcaption>",
                     "<figcaption>Ошибки</figcaption>", "<figcaption>Длительность (95-й процентиль)</figcaption>", "aria-label=\"amocrm: записей в час\"",
                     "<h2>Таблица</h2>", "<th>Час (MSK)</th><th>Система</th><th class=\"num\">Всего</th><th class=\"num\">Успешно</th><th class=\"num\">Ошибки</th>",
                     ">Повторы</th><th class=\"num\">Среднее, мс</th><th class=\"num\">p95, мс</th>", "Записей: 2, с ошибкой: 1 (50 %)", "), по часам.",
                     "успешно</span>", "повторяются</span>", "с ошибкой</span>", "прочие статусы</span>" })
            Assert.Contains(label, russian);
        Assert.Matches(@"\d{2}\.\d{2}\.\d{4} \d{2}:00 – \d{2}\.\d{2}\.\d{4} \d{2}:00 \(MSK\), по часам\.", russian);
        foreach (var english in new[] { "Volume", "Failures", "Table", "Show", "Clear", "Hourly, last 24 hours", "none in this period" })
            Assert.DoesNotContain($">{english}<", russian);

        var (_, page) = await GetAsync(url, language: "en");
        foreach (var label in new[] { "<label>System <input name=\"system\"", "placeholder=\"all\"", ">Show</button>", ">Clear</a>", "<strong aria-current=\"true\">Hourly, last 24 hours</strong>",
                     "<figcaption>Volume</figcaption>", "<figcaption>Failures</figcaption>", "<figcaption>p95 duration</figcaption>", "aria-label=\"amocrm: logs per hour\"",
                     "<th>Hour (MSK)</th><th>System</th><th class=\"num\">Total</th><th class=\"num\">Successes</th><th class=\"num\">Failures</th>",
                     "2 logs, 1 failed (50%)", "), by hour.", "succeeded</span>" })
            Assert.Contains(label, page);
        Assert.Matches(@"<title>\d{4}-\d{2}-\d{2} \d{2}:00: 2 logs, 1 succeeded, 1 failed, 0 retrying, p95 \d+ ms</title>", page);
        Assert.DoesNotContain("Записей", page);
    }

    [Fact]
    public async Task an_empty_period_says_so_in_russian_and_in_english()
    {
        var (_, russian) = await GetAsync($"/admin/stats?bucket=day&process={Process}");
        Assert.Contains("<div class=\"notice\" id=\"empty\">За последние 30 дней записей журнала по этому фильтру нет.</div>", russian);
        var (_, english) = await GetAsync($"/admin/stats?bucket=day&process={Process}", language: "en");
        Assert.Contains("<div class=\"notice\" id=\"empty\">No integration logs in the last 30 days for this filter.</div>", english);
    }

    [Theory]
    [InlineData("bucket=week", "Период — hour (по часам) или day (по дням)")]
    // The zone's refusal quotes the zone, in the reader's language too.
    [InlineData("tz=Mars/Olympus", "Часовой пояс (tz) «Mars/Olympus» неизвестен")]
    public async Task bad_choices_in_the_url_get_a_readable_message_on_the_page(string query, string message)
    {
        var (status, page) = await GetAsync($"/admin/stats?{query}");
        Assert.Equal(400, status);
        Assert.Contains(message.Replace("\"", "&quot;"), page);
        Assert.Contains("<form method=\"get\" action=\"/admin/stats\"", page);
    }

    [Fact]
    public async Task without_a_session_the_page_asks_to_sign_in()
    {
        var result = await fixture.Host.Scenario(s =>
        {
            s.Get.Url("/admin/stats");
            s.WithRequestHeader("Accept", "text/html");
            s.WithoutKey();
            s.IgnoreStatusCode();
        });
        Assert.Equal(302, result.Context.Response.StatusCode);
        Assert.StartsWith("/admin/sign-in", result.Context.Response.Headers.Location.ToString());
    }

    private static int ChartCount(string html) => Regex.Count(html, "<svg class=\"chart\"");

    private static string[] Cells(string row) =>
        Regex.Matches(row, "<td[^>]*>(.*?)</td>", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToArray();
}
