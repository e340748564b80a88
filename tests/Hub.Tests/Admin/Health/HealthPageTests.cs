using System.Net;
using Alba;
using Hub.Admin.Shell;
using Hub.Replenishment;
using Hub.Simulators;
using Hub.Simulators.Faults;
using Hub.Tests.Infrastructure;

namespace Hub.Tests.Admin.Health;

[Collection(AdminCollection.Name)]
public sealed class HealthPageTests(AdminFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAllAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<string> PageAsync(bool htmx = false, string? language = null) =>
        await (await fixture.Host.Scenario(s =>
        {
            s.Get.Url("/admin/health");
            s.WithKey(TestKeys.Viewer);
            if (htmx) s.WithRequestHeader("HX-Request", "true");
            if (language is not null) s.WithRequestHeader("Cookie", $"{AdminCulture.CookieName}=c={language}|uic={language}");
        })).ReadAsTextAsync();

    /// <summary>What a reader sees: entities decoded, the no-break spaces of ru-RU numbers ("100 000") as spaces.</summary>
    private static string Text(string html) => WebUtility.HtmlDecode(html).Replace('\u00A0', ' ');

    /// <summary>"Check connections now" as htmx sends it, by a script with a key (no antiforgery token needed): the fresh section.</summary>
    private async Task<string> CheckConnectionsAsync() =>
        await (await fixture.Host.Scenario(s =>
        {
            s.Post.FormData(new Dictionary<string, string>()).ToUrl("/admin/health/connections");
            s.WithKey(TestKeys.Viewer);
            s.WithRequestHeader("HX-Request", "true");
            s.StatusCodeShouldBe(200);
        })).ReadAsTextAsync();

    private static string Row(string html, string system)
    {
        var start = html.IndexOf($"data-system=\"{system}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no row for {system} in {html}");
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }

    private long Requests() => fixture.Simulator.State.Requests.MoySklad.Total + fixture.Simulator.State.Requests.OneC.Total;

    private void AssertNoSecretIn(string html)
    {
        var o = fixture.Simulator.Options;
        foreach (var secret in new[] { o.MoySkladToken, o.MoySkladPassword, o.OneCPassword })
            Assert.DoesNotContain(secret, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task the_health_page_lists_each_check_with_its_state()
    {
        var page = await PageAsync();
        Assert.Contains("data-name=\"database\"", page);
        Assert.Contains("data-name=\"schema\"", page);
        Assert.Contains("data-name=\"log_writer\"", page);
        Assert.Contains("Общее состояние: в норме", page);
        Assert.Contains("<dt>режим надёжности</dt>", page);
        // A check is named for people and its state said in words; the raw name and state stay for scripts.
        Assert.Contains("<tr class=\"check\" data-name=\"database\"><td>База данных</td><td class=\"ok\" data-status=\"Healthy\">в норме</td>", page);
    }

    [Fact]
    public async Task the_page_shows_the_log_writers_counters_wolverines_queues_and_the_message_store_counts()
    {
        var page = await PageAsync();

        var text = Text(page);
        // ru-RU numbers: the capacity of 100000 reads "100 000".
        Assert.Matches("id=\"lw-queued\"[^>]*>[\\d ]+ из 100 000 \\(?", text);
        Assert.Matches("id=\"lw-written\">[\\d ]+ <span class=\"muted\">с запуска хаба", text);
        Assert.Matches("id=\"lw-dropped\" class=\"ok\">0 ", text);
        Assert.Matches("id=\"lw-failures\" class=\"ok\">0<", text);

        Assert.Contains($"<tr class=\"queue\" data-name=\"{ReplenishmentModule.DeliveryQueue}\"><td><code>local://{ReplenishmentModule.DeliveryQueue}/</code></td><td>локальная очередь</td><td data-mode=\"Durable\">надёжный (через базу)</td>", page);

        Assert.Matches("id=\"store-incoming\">[\\d ]+ ", text);
        Assert.Matches("id=\"store-scheduled\">[\\d ]+", text);
        Assert.Matches("id=\"store-outgoing\">[\\d ]+", text);
        Assert.Matches("id=\"store-dead-letters\" class=\"ok\">0 <a href=\"/admin/outbox\">недоставленные заказы</a>", text);
        Assert.DoesNotContain("id=\"store-down\"", page);
    }

    [Fact]
    public async Task the_auto_refresh_gets_the_inside_of_the_region_and_never_pings_the_systems()
    {
        var page = await PageAsync();
        Assert.Contains("<div id=\"health-body\" hx-get=\"/admin/health\" hx-trigger=\"every 10s\" data-pause-while=\"#health-body details[open]\"", page);
        var requests = Requests();

        var fragment = await PageAsync(htmx: true);
        Assert.StartsWith("<p class=\"ok\" id=\"overall\" data-status=\"Healthy\">", fragment);
        Assert.DoesNotContain("<html", fragment);
        Assert.Contains("id=\"queues\"", fragment);
        Assert.Contains("id=\"check-connections\"", fragment);
        Assert.Equal(requests, Requests());
    }

    [Fact]
    public async Task checking_connections_against_the_simulators_shows_both_ok_with_the_round_trip_and_the_page_keeps_it()
    {
        var fragment = await CheckConnectionsAsync();

        Assert.StartsWith("<section id=\"connections\">", fragment);
        var moySklad = Row(fragment, "moysklad");
        Assert.Matches("<td class=\"ok\">Подключено</td>\\s*<td class=\"num\">[\\d ]+ мс</td>", Text(moySklad));
        Assert.Contains($"<code>{fixture.Simulator.MoySkladBaseAddress}</code>", moySklad);
        // What the server said, told in the reader's language from the check's parts (the CLI keeps the English line).
        Assert.Matches("организаций: 1, запросов до лимита: \\d+; настроенные названия найдены: организация «ООО Симулятор»", WebUtility.HtmlDecode(moySklad));
        var oneC = Row(fragment, "1c");
        Assert.Matches("<td class=\"ok\">Подключено</td>\\s*<td class=\"num\">[\\d ]+ мс</td>", Text(oneC));
        Assert.Matches("складов: \\d+; настроенные названия найдены: склад-донор «Бестужевых»", WebUtility.HtmlDecode(oneC));
        // What a real base must have, one line each: here everything is, so nothing is listed as missing.
        Assert.Contains("<li class=\"ok\" data-ok=\"true\">есть <b>InformationRegister_ТоварныеОграничения</b>: опубликован и читается</li>", WebUtility.HtmlDecode(oneC));
        Assert.Contains("<li class=\"ok\" data-ok=\"true\">есть <b>приоритет</b>: 'Средний'", WebUtility.HtmlDecode(oneC));
        Assert.DoesNotContain("data-ok=\"false\"", oneC);
        // When it was checked, in Moscow time to the second, the zone named.
        Assert.Matches(@"<td>\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}:\d{2} MSK</td>", oneC);
        AssertNoSecretIn(fragment);

        // Remembered: the page shows the same answer without asking the systems again.
        var requests = Requests();
        var page = await PageAsync();
        Assert.Equal(Row(fragment, "moysklad"), Row(page, "moysklad"));
        Assert.Equal(Row(fragment, "1c"), Row(page, "1c"));
        Assert.DoesNotContain("id=\"connections-never\"", page);
        Assert.Equal(requests, Requests());
        AssertNoSecretIn(page);
    }

    [Fact]
    public async Task a_system_that_answers_only_with_errors_shows_failed_with_the_reason_and_the_other_stays_ok()
    {
        fixture.Simulator.Faults.Set(SimulatorSystem.OneC, FaultSettings.None with { ErrorRate = 1 });

        var fragment = await CheckConnectionsAsync();

        // A round trip of a second or more reads "1 234 мс".
        Assert.Matches("<td class=\"bad\">Ошибка</td>\\s*<td class=\"num\">[\\d ]+ мс</td>", Text(Row(fragment, "1c")));
        Assert.Matches("1c: HTTP 50[03]", Row(fragment, "1c"));
        Assert.Contains("<td class=\"ok\">Подключено</td>", Row(fragment, "moysklad"));
        Assert.Matches("data-system=\"1c\" data-outcome=\"Failed\">.*Ошибка", (await PageAsync()).ReplaceLineEndings(" "));
        AssertNoSecretIn(fragment);
    }

    [Fact]
    public async Task a_signed_in_viewer_checks_with_the_antiforgery_token_and_a_post_without_it_is_refused()
    {
        using var session = new CookieSession(fixture.Client());
        await session.SignInAsync(TestKeys.Viewer);
        var (_, page, _) = await session.GetAsync("/admin/health");
        Assert.Contains("id=\"check-connections\"", page);

        var (refused, _, _) = await session.PostAsync("/admin/health/connections", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.BadRequest, refused);
        var (refusedHtmx, _, _) = await session.SendAsync(HttpMethod.Post, "/admin/health/connections", new Dictionary<string, string>(), htmx: true);
        Assert.Equal(HttpStatusCode.BadRequest, refusedHtmx);

        // A form posted without htmx comes back to the page, which shows the answer.
        var (status, _, response) = await session.PostAsync("/admin/health/connections", new Dictionary<string, string> { ["__csrf"] = session.LastToken! });
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal("/admin/health#connections", response.Headers.Location?.OriginalString);
        var (_, after, _) = await session.GetAsync("/admin/health");
        Assert.Contains("<td class=\"ok\">Подключено</td>", Row(after, "moysklad"));

        var (fresh, section, _) = await session.SendAsync(HttpMethod.Post, "/admin/health/connections",
            new Dictionary<string, string> { ["__csrf"] = session.LastToken! }, htmx: true);
        Assert.Equal(HttpStatusCode.OK, fresh);
        Assert.StartsWith("<section id=\"connections\">", section);
    }

    [Fact]
    public async Task in_russian_mode_the_page_speaks_russian_and_with_the_english_cookie_english()
    {
        var russian = await PageAsync();
        foreach (var label in new[] { "<h2>Проверки</h2>", "<th>Проверка</th><th>Состояние</th><th>Описание</th><th>Заняла</th><th>Данные</th>",
                     "<h2>Запись журнала</h2>", "<h2>Узел Wolverine</h2>", "<h2>Хранилище сообщений</h2>", "<h2>Очереди и обработчики</h2>",
                     "<h2>Внешние системы</h2>", ">Проверить подключения</button>", "С запуска хаба подключения не проверялись.",
                     "title=\"сообщения, ждущие в памяти этого узла\"", "<td>доступна</td>",
                     "<dt data-key=\"webhook\">вебхук</dt><dd>выключено</dd>", "<dt data-key=\"round_trip_ms\">время ответа, мс</dt>" })
            Assert.Contains(label, russian);
        Assert.Matches(@"на \d{2}\.\d{2}\.\d{4} \d{2}:\d{2}:\d{2} MSK, обновляется каждые 10 с", russian);
        foreach (var english in new[] { "Overall", "Checks", "Log writer", "Message store", "Check connections now", "healthy", "local queue" })
            Assert.DoesNotContain($">{english}<", russian);

        var page = await PageAsync(language: "en");
        foreach (var label in new[] { "Overall: healthy", "<h2>Checks</h2>", "<th>Check</th><th>State</th><th>Description</th><th>Took</th><th>Data</th>",
                     "<td>Database</td><td class=\"ok\" data-status=\"Healthy\">healthy</td>", "<h2>Log writer</h2>", "<h2>Wolverine node</h2>",
                     "<h2>Message store</h2>", "<h2>Queues and listeners</h2>", "<td>local queue</td><td data-mode=\"Durable\">durable</td>",
                     ">Check connections now</button>", "Not checked since the hub started.", "<td>reachable</td>",
                     "<dt data-key=\"webhook\">webhook</dt><dd>off</dd>" })
            Assert.Contains(label, page);
        Assert.Matches(@"as of \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} MSK, refreshed every 10 s", page);
        // English numbers: the log writer's capacity reads "100,000".
        Assert.Matches("id=\"lw-queued\"[^>]*>[\\d,]+ of 100,000 ", page);
        Assert.DoesNotContain("Проверки", page);
    }

    [Fact]
    public async Task an_ingest_key_may_neither_see_the_page_nor_check_the_connections()
    {
        await fixture.Host.Scenario(s =>
        {
            s.Get.Url("/admin/health");
            s.WithKey(TestKeys.Ingest);
            s.StatusCodeShouldBe(403);
        });
        await fixture.Host.Scenario(s =>
        {
            s.Post.FormData(new Dictionary<string, string>()).ToUrl("/admin/health/connections");
            s.WithKey(TestKeys.Ingest);
            s.StatusCodeShouldBe(403);
        });
    }
}
