using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Alba;
using Hub.Admin.Shell;
using Hub.Contracts.Replenishment;
using Hub.Contracts.Scheduling;
using Hub.Outbox.Deliveries;
using Hub.Replenishment.Runs;
using Hub.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Tests.Admin.Dashboard;

[Collection(AdminCollection.Name)]
public sealed partial class DashboardPageTests(AdminFixture fixture) : IAsyncLifetime
{
    private static readonly TimeZoneInfo Moscow = TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow");

    public Task InitializeAsync() => fixture.ResetAllAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<(int Status, string Body)> GetAsync(string url = "/admin", bool htmx = false, string key = TestKeys.Viewer, string? language = null)
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

    /// <summary>What a reader sees: entities decoded, the no-break spaces of ru-RU numbers as spaces.</summary>
    private static string Text(string html) => WebUtility.HtmlDecode(html).Replace('\u00A0', ' ');

    private static string Tile(string page, string id)
    {
        var match = Regex.Match(page, $"<a class=\"tile[^\"]*\" id=\"{id}\" href=\"([^\"]*)\"><span class=\"count\">(.*?)</span> <span class=\"label\">(.*?)</span></a>");
        Assert.True(match.Success, $"no tile {id}");
        return $"{match.Groups[1].Value}|{match.Groups[2].Value}|{match.Groups[3].Value}";
    }

    private static string Row(string page, string cssClass, string attribute, string value)
    {
        var match = Regex.Match(page, $"<tr class=\"{cssClass}\" {attribute}=\"{Regex.Escape(value)}\"[^>]*>.*?</tr>", RegexOptions.Singleline);
        Assert.True(match.Success, $"no {cssClass} row {value}");
        return match.Value;
    }

    private static string[] Cells(string row) =>
        Regex.Matches(row, "<td[^>]*>(.*?)</td>", RegexOptions.Singleline).Select(m => Regex.Replace(m.Groups[1].Value, "<[^>]+>", "")).ToArray();

    private async Task<string> NextScheduledAsync()
    {
        await using var scope = fixture.Host.Services.CreateAsyncScope();
        var views = await scope.ServiceProvider.GetRequiredService<ISchedules>().ListAsync(CancellationToken.None);
        var next = views.Where(v => !v.Paused && v.NextOccurrence is not null).Min(v => v.NextOccurrence!.Value);
        return TimeZoneInfo.ConvertTime(next, Moscow).ToString("dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture) + " MSK";
    }

    [Fact]
    public async Task admin_shows_the_dashboard_first_in_the_navigation_and_marked_current()
    {
        var (status, page) = await GetAsync();
        Assert.Equal(200, status);
        Assert.Contains("<title>Сводка · Интеграционный хаб</title>", page);
        Assert.Contains("<h1>Сводка</h1>", page);
        var nav = Regex.Match(page, "<nav [^>]*>(.*?)</nav>", RegexOptions.Singleline).Groups[1].Value;
        Assert.StartsWith("<a href=\"/admin\" class=\"active\" aria-current=\"page\">Сводка</a><a href=\"/admin/logs\">Журнал</a>", nav);
        // On another page the dashboard's link is not the current one, though every path starts with /admin.
        var (_, logs) = await GetAsync("/admin/logs");
        Assert.Contains("<a href=\"/admin\">Сводка</a><a href=\"/admin/logs\" class=\"active\" aria-current=\"page\">Журнал</a>", logs);
    }

    [Fact]
    public async Task an_empty_hub_says_there_is_nothing_yet_without_an_error()
    {
        var (status, page) = await GetAsync();
        Assert.Equal(200, status);
        Assert.DoesNotContain("class=\"error\"", page);
        Assert.Contains("<div class=\"notice\" id=\"nothing-yet\">Пока ничего не происходило: запусков не было, заказов в ожидании нет.", page);
        Assert.Contains("<div class=\"notice\" id=\"no-runs\">За последние 7 дней запусков не было.</div>", page);
        Assert.Contains("<div class=\"notice\" id=\"no-latest\">Запусков ещё не было.</div>", page);
        Assert.Contains("<section id=\"needs-attention\" class=\"quiet\">", page);
        Assert.Equal("/admin/runs|0|отправлено заказов за последние 7 дней", Tile(page, "tile-sent"));
        Assert.Equal("/admin/runs#needs-attention|0|ждут повторной попытки", Tile(page, "tile-retrying"));
        Assert.Equal("/admin/outbox|0|не доставлено заказов, ждут решения оператора", Tile(page, "tile-parked"));
        // The hub's daily schedule, in Moscow time with the zone named.
        Assert.Equal($"/admin/schedules|{await NextScheduledAsync()}|следующий запуск по расписанию", Tile(page, "tile-next"));
        Assert.Matches(@"id=""as-of"">на \d{2}\.\d{2}\.\d{4} \d{2}:\d{2} MSK, обновляется каждые 30 с<", page);
    }

    /// <summary>
    /// Runs as the planner leaves them, straight into the event store: one per day back from now (so each falls on a day of
    /// its own), one older than the week; parked and retrying orders as the Outbox leaves them, of a run of their own.
    /// </summary>
    private async Task<Seeded> SeedAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var seeded = new Seeded(Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), now);
        await using var session = fixture.Store.LightweightSession();
        session.Events.StartStream<ReplenishmentRun>(seeded.Today, new RunRequested(seeded.Today, RunTrigger.Schedule, null, false, now.AddMinutes(-1)),
            Planned(4, now), new RunFinished(RunStatus.Completed, 4, 0, now));
        session.Events.StartStream<ReplenishmentRun>(seeded.Yesterday, new RunRequested(seeded.Yesterday, RunTrigger.Admin, null, true, now.AddDays(-1)),
            new RunFinished(RunStatus.Planned, 0, 0, now.AddDays(-1)));
        session.Events.StartStream<ReplenishmentRun>(seeded.TwoDaysAgo, new RunRequested(seeded.TwoDaysAgo, RunTrigger.Api, null, false, now.AddDays(-2)),
            Planned(3, now.AddDays(-2)), new RunFinished(RunStatus.CompletedWithFailures, 2, 1, now.AddDays(-2)));
        session.Events.StartStream<ReplenishmentRun>(seeded.ThreeDaysAgo, new RunRequested(seeded.ThreeDaysAgo, RunTrigger.Cli, null, false, now.AddDays(-3)),
            new RunFailed("1C <не отвечает>", now.AddDays(-3)));
        session.Events.StartStream<ReplenishmentRun>(seeded.LongAgo, new RunRequested(seeded.LongAgo, RunTrigger.Schedule, null, false, now.AddDays(-10)),
            new RunFinished(RunStatus.Completed, 100, 0, now.AddDays(-10)));
        foreach (var (state, i) in new[] { (DeliveryState.Parked, 0), (DeliveryState.Parked, 1), (DeliveryState.Retrying, 2) })
            session.Store(new Delivery
            {
                Id = Guid.NewGuid(), RunId = seeded.WithParked, ExternalSystem = "1c", MessageType = "SendTransferOrder", Description = $"заказ {i}",
                State = state, Attempts = 3, Reason = "HTTP 503", FirstAttemptAt = now, UpdatedAt = now.AddSeconds(i),
                NextAttemptAt = state == DeliveryState.Retrying ? now.AddMinutes(5) : null,
            });
        await session.SaveChangesAsync();

        // Logs of a system of the test's own: the hub's start-up check writes 1C's and МойСклад's at any moment.
        await fixture.Host.Scenario(s =>
        {
            s.Post.Json(new[] { "success", "success", "success", "failed", "failed" }.Select(status => new
            {
                process_name = "dashboard_test", step = "send", status, external_system = "склад-wms", message = $"заказ {status}", ts = now.AddHours(-1),
            }).ToArray()).ToUrl("/api/v1/logs");
            s.StatusCodeShouldBe(202);
        });
        return seeded;
    }

    private static RunPlanned Planned(int orders, DateTimeOffset at) =>
        new(new RunInputs(0, 0, 0, 0, []), [], new Dictionary<string, int>(), [], 1, 1, orders, [], at);

    private sealed record Seeded(Guid Today, Guid Yesterday, Guid TwoDaysAgo, Guid ThreeDaysAgo, Guid LongAgo, Guid WithParked, DateTimeOffset Now)
    {
        public string Day(int daysAgo) => TimeZoneInfo.ConvertTime(Now.AddDays(-daysAgo).AddMinutes(daysAgo == 0 ? -1 : 0), Moscow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task a_hub_with_runs_orders_and_logs_shows_their_counts_and_links_to_act_on_them()
    {
        var seeded = await SeedAsync();
        var (status, html) = await GetAsync();
        Assert.Equal(200, status);
        var page = Text(html);
        Assert.DoesNotContain("id=\"nothing-yet\"", page);

        // Orders: sent by the week's runs (not the one of ten days ago), retrying and parked, each linking where it is acted on.
        Assert.Equal("/admin/runs|6|отправлено заказов за последние 7 дней", Tile(page, "tile-sent"));
        Assert.Equal("/admin/runs#needs-attention|1|ждут повторной попытки", Tile(page, "tile-retrying"));
        Assert.Equal("/admin/outbox|2|не доставлено заказов, ждут решения оператора", Tile(page, "tile-parked"));

        // The week by Moscow day, newest first: done, with failures, failed, plan only, in progress, total.
        Assert.Equal(7, Regex.Count(page, "<tr class=\"run-day\""));
        Assert.Equal(["1", "0", "0", "0", "0", "1"], Cells(Row(page, "run-day", "data-day", seeded.Day(0)))[1..]);
        Assert.Equal(["0", "0", "0", "1", "0", "1"], Cells(Row(page, "run-day", "data-day", seeded.Day(1)))[1..]);
        Assert.Equal(["0", "1", "0", "0", "0", "1"], Cells(Row(page, "run-day", "data-day", seeded.Day(2)))[1..]);
        Assert.Equal(["0", "0", "1", "0", "0", "1"], Cells(Row(page, "run-day", "data-day", seeded.Day(3)))[1..]);
        var today = Cells(Row(page, "run-day", "data-day", seeded.Day(0)))[0];
        Assert.Equal(TimeZoneInfo.ConvertTime(seeded.Now.AddMinutes(-1), Moscow).ToString("dd.MM.yyyy", CultureInfo.InvariantCulture), today);
        Assert.Contains("<svg class=\"chart\"", page);
        Assert.Contains("<th>День (MSK)</th><th class=\"num\">выполнены</th><th class=\"num\">с недоставленными</th>", page);
        Assert.Contains("<th class=\"num\">с ошибкой</th><th class=\"num\">только план</th><th class=\"num\">идут</th><th class=\"num\">Всего</th>", page);

        // The latest runs, newest first, each linking to its page.
        var latest = Regex.Matches(page, "<tr class=\"latest-run\" data-run=\"([^\"]+)\"").Select(m => Guid.Parse(m.Groups[1].Value)).ToArray();
        Assert.Equal([seeded.Today, seeded.Yesterday, seeded.TwoDaysAgo, seeded.ThreeDaysAgo, seeded.LongAgo], latest);
        var todayRow = Row(page, "latest-run", "data-run", seeded.Today.ToString());
        Assert.Contains($"<a href=\"/admin/runs/{seeded.Today}\">", todayRow);
        Assert.Equal(["по расписанию", "все склады", "выполнен", "4 из 4"], Cells(todayRow)[1..]);
        Assert.Contains("(пробный)", Row(page, "latest-run", "data-run", seeded.Yesterday.ToString()));
        Assert.Equal("с ошибкой", Cells(Row(page, "latest-run", "data-run", seeded.ThreeDaysAgo.ToString()))[3]);
        Assert.Equal("из командной строки", Cells(Row(page, "latest-run", "data-run", seeded.ThreeDaysAgo.ToString()))[1]);

        // What needs attention: the Runs page's own list, the parked run and the retrying order.
        Assert.Contains("<section id=\"needs-attention\" class=\"notice\">", page);
        Assert.Contains($"<li class=\"attention parked\" data-run=\"{seeded.WithParked}\">", page);
        Assert.Contains("<li class=\"attention retrying\">", page);
        // Failed three days ago: on the chart, no longer news.
        Assert.DoesNotContain($"<li class=\"attention failed\" data-run=\"{seeded.ThreeDaysAgo}\">", page);

        // Logs of the last 24 hours per system, from the rollups, each count opening the Logs page on those records.
        var wms = Row(html, "system-logs", "data-system", "склад-wms");
        Assert.Contains("<a href=\"/admin/logs?external_system=%D1%81%D0%BA%D0%BB%D0%B0%D0%B4-wms&amp;period=24h\">5</a>", wms);
        Assert.Contains("<a href=\"/admin/logs?external_system=%D1%81%D0%BA%D0%BB%D0%B0%D0%B4-wms&amp;status=failed&amp;period=24h\">2</a>", wms);
        Assert.Contains("<th>Система</th><th class=\"num\">Записей</th><th class=\"num\">Ошибки</th>", page);
    }

    [Fact]
    public async Task htmx_gets_the_inside_of_the_region_and_a_browser_the_whole_page()
    {
        await SeedAsync();
        var (_, page) = await GetAsync();
        Assert.Contains("<div id=\"dashboard\" hx-get=\"/admin\" hx-trigger=\"every 30s\" hx-swap=\"innerHTML\"><p class=\"muted\" id=\"as-of\">", page);

        var (status, fragment) = await GetAsync(htmx: true);
        Assert.Equal(200, status);
        Assert.StartsWith("<p class=\"muted\" id=\"as-of\">", fragment);
        Assert.DoesNotContain("<html", fragment);
        Assert.DoesNotContain("<nav", fragment);
        Assert.DoesNotContain("id=\"dashboard\"", fragment);
        Assert.Contains("id=\"tile-parked\"", fragment);
        Assert.Contains("id=\"run-days-table\"", fragment);
    }

    [Fact]
    public async Task with_the_english_cookie_the_dashboard_speaks_english()
    {
        var seeded = await SeedAsync();
        var (_, html) = await GetAsync(language: "en");
        var page = Text(html);
        Assert.Contains("<h1>Dashboard</h1>", page);
        Assert.Contains("<a href=\"/admin\" class=\"active\" aria-current=\"page\">Dashboard</a>", page);
        foreach (var label in new[] { "<h2>Runs of the last 7 days</h2>", "<h2>Latest runs</h2>", "<h2>Logs of the last 24 hours by system</h2>", "<h2>Needs attention</h2>",
                     "<span class=\"label\">orders sent in the last 7 days</span>", "<span class=\"label\">orders waiting for a retry</span>",
                     "<span class=\"label\">orders parked, waiting for an operator</span>", "<span class=\"label\">next scheduled run</span>",
                     "<th>Day (MSK)</th><th class=\"num\">done</th><th class=\"num\">with failures</th>",
                     "<th class=\"num\">failed</th><th class=\"num\">plan only</th><th class=\"num\">in progress</th><th class=\"num\">Total</th>",
                     "<th>Started (MSK)</th><th>Started by</th><th>Warehouse</th>", "<th>System</th><th class=\"num\">Records</th><th class=\"num\">Failures</th>" })
            Assert.Contains(label, page);
        Assert.Equal(["by the schedule", "all warehouses", "completed", "4 of 4"], Cells(Row(page, "latest-run", "data-run", seeded.Today.ToString()))[1..]);
        Assert.Equal(TimeZoneInfo.ConvertTime(seeded.Now.AddMinutes(-1), Moscow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Cells(Row(page, "run-day", "data-day", seeded.Day(0)))[0]);
        Assert.Matches(@"id=""as-of"">as of \d{4}-\d{2}-\d{2} \d{2}:\d{2} MSK, refreshed every 30 s<", page);
        Assert.DoesNotContain("Запуски за последние", page);
    }

    [Fact]
    public async Task values_from_other_systems_are_encoded()
    {
        await using (var session = fixture.Store.LightweightSession())
        {
            var id = Guid.CreateVersion7();
            session.Events.StartStream<ReplenishmentRun>(id, new RunRequested(id, RunTrigger.Api, null, false, DateTimeOffset.UtcNow),
                new RunFailed("<script>alert(1)</script>", DateTimeOffset.UtcNow));
            await session.SaveChangesAsync();
        }
        await fixture.Host.Scenario(s =>
        {
            s.Post.Json(new[] { new { process_name = "dashboard_test", status = "failed", external_system = "<img src=x onerror=alert(1)>", message = "x" } }).ToUrl("/api/v1/logs");
            s.StatusCodeShouldBe(202);
        });
        var (_, page) = await GetAsync();
        Assert.DoesNotContain("<script>alert", page);
        Assert.DoesNotContain("<img src=x", page);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", page);
        Assert.Contains("data-system=\"&lt;img src=x onerror=alert(1)&gt;\"", page);
    }

    [Fact]
    public async Task an_ingest_key_may_not_see_it_and_without_a_session_it_asks_to_sign_in()
    {
        var (forbidden, _) = await GetAsync(key: TestKeys.Ingest);
        Assert.Equal(403, forbidden);
        var result = await fixture.Host.Scenario(s =>
        {
            s.Get.Url("/admin");
            s.WithRequestHeader("Accept", "text/html");
            s.WithoutKey();
            s.IgnoreStatusCode();
        });
        Assert.Equal(302, result.Context.Response.StatusCode);
        Assert.StartsWith("/admin/sign-in", result.Context.Response.Headers.Location.ToString());
    }
}
