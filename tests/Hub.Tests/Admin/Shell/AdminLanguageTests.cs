using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Alba;
using Hub.Admin.Runs;
using Hub.Admin.Shell;
using Hub.Replenishment.PlanRun;
using Hub.Replenishment.Planning;
using Hub.Replenishment.Runs;
using Hub.Tests.Infrastructure;
using Marten;

namespace Hub.Tests.Admin.Shell;

/// <summary>The pages' language: Russian by default, English by the user's choice kept in a cookie.</summary>
[Collection(AdminCollection.Name)]
public sealed partial class AdminLanguageTests(AdminFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAllAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<string> PageAsync(string url, string? language = null) =>
        await (await fixture.Host.Scenario(s =>
        {
            s.Get.Url(url);
            s.WithKey(TestKeys.Operator);
            if (language is not null) s.WithRequestHeader("Cookie", $"{AdminCulture.CookieName}=c={language}|uic={language}");
        })).ReadAsTextAsync();

    private static string Frame(string page) => HeaderOf().Match(page).Value;

    [Fact]
    public void every_text_has_a_russian_and_an_english_version()
    {
        foreach (var (key, entry) in AdminText.All)
        {
            Assert.False(string.IsNullOrWhiteSpace(entry.En), key);
            Assert.Matches(Cyrillic(), entry.Ru);
            // МойСклад is the product's name, spelled so in English too.
            Assert.DoesNotMatch(Cyrillic(), entry.En.Replace("МойСклад", "MoySklad", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("/admin/logs")]
    [InlineData("/admin/stats")]
    [InlineData("/admin/runs")]
    [InlineData("/admin/outbox")]
    [InlineData("/admin/schedules")]
    [InlineData("/admin/health")]
    public async Task a_page_in_russian_mode_has_no_english_label_left_in_its_frame(string url)
    {
        var page = await PageAsync(url);
        Assert.Contains("<html lang=\"ru\">", page);
        var frame = Frame(page);
        Assert.Contains("Выйти", frame);
        foreach (var entry in AdminText.All.Values)
            Assert.DoesNotContain($">{entry.En}<", frame);
        Assert.Contains("href=\"/admin/language/en?back=", frame);
    }

    [Fact]
    public async Task english_is_chosen_per_user_by_a_cookie_and_the_way_back_stays_on_this_site()
    {
        var english = await PageAsync("/admin/logs", "en");
        Assert.Contains("<html lang=\"en\">", english);
        Assert.Contains(">Sign out<", Frame(english));
        Assert.Contains(">Русский<", Frame(english));

        var chosen = await fixture.Host.Scenario(s =>
        {
            s.Get.Url("/admin/language/en?back=%2Fadmin%2Fruns");
            s.StatusCodeShouldBe(302);
        });
        Assert.Equal("/admin/runs", chosen.Context.Response.Headers.Location.ToString());
        Assert.Contains($"{AdminCulture.CookieName}=c%3Den%7Cuic%3Den", chosen.Context.Response.Headers.SetCookie.ToString());

        var elsewhere = await fixture.Host.Scenario(s =>
        {
            s.Get.Url("/admin/language/ru?back=%2F%2Fevil.example%2Fadmin");
            s.StatusCodeShouldBe(302);
        });
        Assert.Equal("/admin", elsewhere.Context.Response.Headers.Location.ToString());
    }

    /// <summary>The repository's root: the first folder above the tests' binaries holding the solution.</summary>
    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "IntegrationHub.slnx"))) return dir.FullName;
        throw new InvalidOperationException($"IntegrationHub.slnx is not above {AppContext.BaseDirectory}");
    }

    [Fact]
    public void every_text_a_page_asks_for_by_its_english_words_has_a_translation()
    {
        var root = RepositoryRoot();
        var admin = Path.Combine(root, "src", "Modules", "Admin");
        var missing = new List<string>();
        var asked = 0;
        foreach (var file in Directory.EnumerateFiles(admin, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "obj" or "bin")) continue;
            foreach (Match call in TextCall().Matches(File.ReadAllText(file)))
            {
                asked++;
                // A C# regular literal: the escapes a key can hold.
                var key = call.Groups["key"].Value.Replace("\\\"", "\"").Replace("\\\\", "\\");
                if (!AdminText.All.ContainsKey(key)) missing.Add($"{relative}: \"{key}\"");
            }
        }
        // The scan finds the calls at all (a broken pattern would pass with nothing to check).
        Assert.True(asked > 100, $"only {asked} texts found");
        Assert.Empty(missing);
    }

    [Fact]
    public void every_status_state_trigger_kind_and_outcome_has_a_russian_and_an_english_label()
    {
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            foreach (var (language, script) in new[] { ("ru", Cyrillic()), ("en", Latin()) })
            {
                CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
                var labels = Enum.GetValues<RunStatus>().Select(Shown.Status).Concat(Enum.GetValues<DeliveryState>().Select(Shown.State))
                    .Concat(Enum.GetValues<RunTrigger>().Select(Shown.Trigger)).Concat(Enum.GetValues<OrderKind>().Select(Shown.Kind))
                    .Concat(Enum.GetValues<DecisionOutcome>().Select(Shown.Outcome)).ToArray();
                Assert.All(labels, l => Assert.Matches(script, l));
                if (language == "ru") Assert.All(labels, l => Assert.DoesNotMatch(Latin(), l.Replace("API", "")));
            }
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    /// <summary>Who the operator's test key signs in as (TestKeys names each key "test-" and its role).</summary>
    private const string OperatorName = "test-operator";

    /// <summary>Planned at 12:00 Moscow time on 4 December 2026 (09:00 UTC): a time the pages' format is checked against.</summary>
    private static readonly DateTimeOffset SeededAt = new(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// A run as the planner and the Outbox would have written it, with Russian data only (as 1C holds it): a plan made by the
    /// planner itself (so its reasons have all their parts), a transfer sent, a customer order parked and one retrying.
    /// </summary>
    private async Task<Guid> SeedRunAsync()
    {
        var (donor, kupchino, ozerki) = (new WarehouseRow(Guid.NewGuid(), "Склад Бестужевых"), new WarehouseRow(Guid.NewGuid(), "Магазин Купчино"),
            new WarehouseRow(Guid.NewGuid(), "Магазин Озерки"));
        var (tea, coffee, sugar) = (new ItemRow(Guid.NewGuid(), "Чай чёрный", "шт"), new ItemRow(Guid.NewGuid(), "Кофе молотый", "уп"), new ItemRow(Guid.NewGuid(), "Сахар", "кг"));
        var box = new PackageRow(Guid.NewGuid(), "Коробка", 12);
        var input = new PlanningInput([donor, kupchino, ozerki], [tea, coffee, sugar],
            [new BalanceRow(donor.Key, tea.Key, 5000), new BalanceRow(kupchino.Key, tea.Key, 300, ToShip: 100), new BalanceRow(ozerki.Key, coffee.Key, -3),
             new BalanceRow(ozerki.Key, sugar.Key, 10)],
            [new LevelRow(kupchino.Key, tea.Key, 1500, 2500), new LevelRow(ozerki.Key, coffee.Key, 10, null, PackageKey: box.Key), new LevelRow(ozerki.Key, sugar.Key, 5, null),
             new LevelRow(Guid.NewGuid(), tea.Key, 1, null)],
            [donor.Name, "Склад Пулково"])
        {
            OnItsWay = [new OnItsWayRow(kupchino.Key, tea.Key, Guid.Empty, 200, OneCSnapshot.IncomingSource)],
            Packages = new Dictionary<Guid, PackageRow> { [box.Key] = box },
        };
        var plan = ReplenishmentPlanner.Create(input);
        // One warning, kept as a sentence and in its parts.
        Assert.Single(plan.Warnings);
        Assert.Single(plan.WarningParts);
        var runId = Guid.CreateVersion7();
        var (sent, parked, retrying) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        var transfer = plan.Transfers.Single();
        var purchase = plan.Purchases.Single();
        await using var session = fixture.Store.LightweightSession();
        session.Events.StartStream<ReplenishmentRun>(runId, new RunRequested(runId, RunTrigger.Schedule, null, false, SeededAt), new RunPlanningStarted(SeededAt),
            new RunPlanned(new RunInputs(3, 3, 4, 4, [donor.Name]), plan.Decisions, plan.Skipped, plan.Warnings, 1250, 15, 3, [], SeededAt)
            {
                WarningParts = plan.WarningParts,
            });
        session.Events.StartStream(sent, new OrderQueued(sent, runId, OrderKind.Transfer, donor.Key, donor.Name, transfer.RecipientKey, transfer.RecipientName, transfer.Lines, SeededAt),
            new OrderSent(sent, runId, "1c", 1, null, Guid.NewGuid().ToString(), "00-001234", null, SeededAt));
        session.Events.StartStream(parked, new OrderQueued(parked, runId, OrderKind.Purchase, null, null, purchase.RecipientKey, purchase.RecipientName, purchase.Lines, SeededAt),
            new OrderDeadLettered(parked, runId, "moysklad", 6, null, "MoySkladException", "МойСклад ответил 500", SeededAt));
        session.Events.StartStream(retrying, new OrderQueued(retrying, runId, OrderKind.Transfer, donor.Key, donor.Name, ozerki.Key, ozerki.Name,
                [new PlannedLine(sugar.Key, sugar.Name, sugar.Unit, 1)], SeededAt),
            new OrderRetrying(retrying, runId, "1c", 1, null, "HttpRequestException", "1С не отвечает", SeededAt.AddMinutes(5), SeededAt));
        // The schedule's last occurrence found this run still going, in the scheduler's own (English) words.
        session.Store(Hub.Replenishment.Schedule.LastOccurrence.From(new Hub.Contracts.Scheduling.ScheduleOccurred(Hub.Replenishment.Schedule.ScheduledReplenishment.ScheduleName,
            SeededAt, Hub.Contracts.Scheduling.ScheduleOutcomes.Skipped, $"run {runId} (scope all, Dispatching, requested {SeededAt:u}) is still in progress", runId, SeededAt)));
        await session.SaveChangesAsync();
        return runId;
    }

    /// <summary>
    /// A real run whose plan waits for a person's yes (it orders more for a shelf with goods on their way), for one shop of
    /// its own so it holds a scope of its own beside <see cref="SeedRunAsync"/>'s run of every warehouse.
    /// </summary>
    private async Task<Guid> SeedWaitingRunAsync()
    {
        var (donor, shop) = (new WarehouseRow(Guid.NewGuid(), "Склад Бестужевых"), new WarehouseRow(Guid.NewGuid(), "Магазин Девяткино"));
        var tea = new ItemRow(Guid.NewGuid(), "Чай зелёный", "шт");
        var plan = ReplenishmentPlanner.Create(new PlanningInput([donor, shop], [tea], [new BalanceRow(donor.Key, tea.Key, 900), new BalanceRow(shop.Key, tea.Key, 2)],
            [new LevelRow(shop.Key, tea.Key, 50, 80)], [donor.Name], shop.Key)
        {
            OnItsWay = [new OnItsWayRow(shop.Key, tea.Key, Guid.Empty, 10, HubOrders.Retrying)],
        });
        Assert.True(Assert.Single(plan.Decisions).AddsToGoodsOnTheirWay);
        var transfer = Assert.Single(plan.Transfers);
        var runId = Guid.CreateVersion7();
        RunOrder[] unsent = [new() { Id = Guid.CreateVersion7(), Kind = OrderKind.Transfer, DonorKey = donor.Key, DonorName = donor.Name, RecipientKey = shop.Key,
            RecipientName = shop.Name, Lines = transfer.Lines.ToList() }];
        await using var session = fixture.Store.LightweightSession();
        session.Events.StartStream<ReplenishmentRun>(runId, new RunRequested(runId, RunTrigger.Admin, shop.Key, false, SeededAt), new RunPlanningStarted(SeededAt),
            new RunPlanned(new RunInputs(2, 1, 2, 1, [donor.Name]), plan.Decisions, plan.Skipped, plan.Warnings, 40, 3, 1, unsent, SeededAt),
            new RunAwaitingConfirmation(1, SeededAt.AddHours(1), SeededAt));
        await session.SaveChangesAsync();
        return runId;
    }

    /// <summary>
    /// What a person reads on a page: its text, and the titles, placeholders, labels, confirmation questions and button
    /// values of its elements; not scripts, styles, code (cron expressions) or what is marked as another language on purpose
    /// (the switch to English).
    /// </summary>
    private static IEnumerable<string> Readable(string html)
    {
        var page = Hidden().Replace(html, " ");
        page = OtherLanguage().Replace(page, " ");
        foreach (Match a in ReadAttribute().Matches(page)) yield return WebUtility.HtmlDecode(a.Groups["value"].Value);
        // Between tags, tags read whole with their quoted attributes (an htmx selector may hold a '>').
        foreach (var text in Tag().Split(page)) if (text.Trim().Length > 0) yield return WebUtility.HtmlDecode(text);
    }

    /// <summary>Words that are English whatever surrounds them, and allowed: names of systems, formats and zones a Russian engineer writes so too.</summary>
    /// Log levels are written as Serilog, Seq and the API write them (ERROR, WARNING), which is what an engineer filters by;
    /// ru-RU names a format; Hub.Host is the service's name in Wolverine's node list.
    private static readonly string[] Allowed = ["Ref_Key", "Europe/Moscow", "NDJSON", "JSON", "CSV", "GUID", "UUID", "MSK", "UTC", "HTTP", "API", "1C", "cron",
        "ru-RU", "Hub.Host", "CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG", "TRACE"];

    /// <summary>Words of the pages' own that must never be left in English, even alone.</summary>
    private static readonly HashSet<string> UiWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "run", "runs", "order", "orders", "status", "send", "cancel", "replay", "discard", "discarded", "parked", "retry", "retrying", "next", "last", "none", "never",
        "show", "clear", "pending", "sent", "queued", "failed", "planned", "planning", "dispatching", "completed", "schedule", "admin", "cli", "transfer", "purchase",
        "skipped", "warehouse", "warehouses", "dry", "trigger", "scope", "error", "lines", "kind", "system", "attempts", "reason", "pause", "resume", "active", "paused",
        "timeline", "logs", "outbox", "yes", "no", "any", "balance", "minimum", "maximum", "donor", "donors", "item", "items", "decisions", "message", "all",
    };

    /// <summary>The English a text still has: two or more Latin words in a row, or one of the pages' own words; ids and allowed names aside.</summary>
    private static IEnumerable<string> EnglishIn(string text)
    {
        var rest = Setting().Replace(Ids().Replace(text, " "), " ");
        foreach (var allowed in Allowed) rest = rest.Replace(allowed, " ", StringComparison.Ordinal);
        foreach (Match m in EnglishWords().Matches(rest)) yield return m.Value;
        foreach (Match w in LatinWord().Matches(rest))
            if (UiWords.Contains(w.Value)) yield return w.Value;
    }

    [Theory]
    [InlineData("/admin/runs")]
    [InlineData("/admin/runs/{run}")]
    [InlineData("/admin/runs/{run}?orders_state=Parked")]
    [InlineData("/admin/runs/{run}/timeline")]
    [InlineData("/admin/runs/{waiting}")]
    [InlineData("/admin/outbox")]
    [InlineData("/admin/schedules")]
    [InlineData("/admin")]
    [InlineData("/admin/logs")]
    [InlineData("/admin/stats")]
    [InlineData("/admin/health")]
    [InlineData("/admin/sign-in")]
    public async Task a_page_in_russian_mode_has_no_english_label_left(string url)
    {
        var run = await SeedRunAsync();
        var waiting = url.Contains("{waiting}") ? await SeedWaitingRunAsync() : Guid.Empty;
        var page = await PageAsync(url.Replace("{run}", run.ToString()).Replace("{waiting}", waiting.ToString()));
        Assert.Contains("<html lang=\"ru\">", page);
        // Data, not labels: the signed-in person's name and the schedules' names are what they are in any language.
        var data = DataName().Matches(page).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).Append(OperatorName).ToArray();
        var english = Readable(page).Select(text => data.Aggregate(text, (t, d) => t.Replace(d, " ", StringComparison.Ordinal))).SelectMany(text => EnglishIn(text).Select(e => $"“{e}” in “{text.Trim()}”")).Distinct().ToArray();
        Assert.True(english.Length == 0, $"English left on {url}:\n{string.Join("\n", english)}");
    }

    [Fact]
    public void the_english_check_finds_english_and_lets_russian_names_and_allowed_words_pass()
    {
        Assert.NotEmpty(EnglishIn("Заказ покупателя for Магазин Купчино, 20 lines"));
        Assert.NotEmpty(EnglishIn("Replay"));
        Assert.NotEmpty(EnglishIn("not sent yet"));
        Assert.Empty(EnglishIn("Склад (Ref_Key из 1C, пусто — все) · MSK · Europe/Moscow · 0193e2f4-5b6a-7c8d-9e0f-a1b2c3d4e5f6 · 0193e2f4 · HttpRequestException"));
        Assert.Equal(["Sign out", "Выйти"], Readable("<html><head><style>a b{}</style></head><body><a lang=\"en\" href=\"/\">English</a><button title=\"Sign out\">Выйти</button><code>0 0 7 * * *</code></body></html>")
            .Where(t => t.Trim().Length > 0));
    }

    [Fact]
    public async Task the_runs_pages_speak_russian_by_default_and_english_by_the_cookie_with_numbers_and_times_in_each_format()
    {
        var run = await SeedRunAsync();
        var (ru, en) = (await PageAsync($"/admin/runs/{run}"), await PageAsync($"/admin/runs/{run}", "en"));
        Assert.Contains("<th>Решение</th><th>Причина</th>", ru);
        Assert.Contains("<th>Outcome</th><th>Reason</th>", en);
        // Numbers grouped as the reader writes them: 1 234,5 in Russian (a no-break space), 1,234.5 in English.
        Assert.Contains("<td class=\"num\">1&#xA0;500</td>", ru);
        Assert.Contains("<td class=\"num\">1,500</td>", en);
        // The reason told from its parts, in each language; the minimum, the stock promised and what is on its way named.
        Assert.Contains("свободный остаток 200 (в наличии 300 − к отгрузке 100) &#x2B; 200 в пути (200 заказано в 1С, не поступило) &lt; минимума 1&#xA0;500; 2&#xA0;100 до максимума 2&#xA0;500", ru);
        Assert.Contains("free stock 200 (300 on hand − 100 to ship) &#x2B; 200 on its way (200 ordered in 1C, not received) &lt; minimum 1,500; 2,100 to reach the maximum 2,500", en);
        Assert.Contains("Склад Бестужевых отдаёт 2&#xA0;100 из излишка 5&#xA0;000", ru);
        Assert.Contains("к закупке 10 округлено до 12: целые упаковки «Коробка» по 12", ru);
        Assert.Contains("отрицательный остаток принят за 0", ru);
        Assert.Contains("<td data-outcome=\"Transfer\">Перемещение</td>", ru);
        Assert.Contains("<td data-outcome=\"Transfer\">Transfer</td>", en);
        Assert.Contains("<td>Заказ на перемещение</td><td>1С</td>", ru);
        Assert.Contains("<td>Customer order</td><td>МойСклад</td>", en);
        Assert.Contains("<td class=\"status-Parked\">Не доставлено</td>", ru);
        Assert.Contains("<td class=\"status-Parked\">Parked</td>", en);
        Assert.Contains("<dt>Источник</dt><dd>По расписанию</dd>", ru);
        Assert.Contains("<dt>Trigger</dt><dd>Schedule</dd>", en);
        Assert.Contains("<dt>Чтение 1С, мс</dt><dd>1&#xA0;250</dd>", ru);
        // Moscow time, 3 hours ahead of UTC, in each language's format.
        Assert.Contains("<dt>Запрошен</dt><dd>04.12.2026 12:00:00 MSK</dd>", ru);
        Assert.Contains("<dt>Requested</dt><dd>2026-12-04 12:00:00 MSK</dd>", en);
        Assert.Contains("<li>Склада-донора «Склад Пулково» нет в списке складов 1С; он ничего не отдаёт.</li>", ru);
        Assert.Contains("<li>Donor warehouse “Склад Пулково” is not among the warehouses 1C listed; it gives nothing.</li>", en);
        // Why shelves were left out, by the planner's fixed phrases.
        Assert.Contains("остаток не ниже минимума: 1", ru);
        Assert.Contains("balance at or above the minimum: 1", en);

        var (list, listEn) = (await PageAsync("/admin/runs"), await PageAsync("/admin/runs", "en"));
        Assert.Contains("<td data-trigger=\"Schedule\">По расписанию</td>", list);
        Assert.Contains("<td data-trigger=\"Schedule\">Schedule</td>", listEn);
        Assert.Contains("<option value=\"Completed\">Завершён</option>", list);
        Assert.Contains("<option value=\"Completed\">Completed</option>", listEn);
        Assert.Contains(">04.12.2026 12:00:00</a>", list);
        Assert.Contains(">2026-12-04 12:00:00</a>", listEn);
    }

    [Fact]
    public async Task a_runs_timeline_tells_each_event_in_the_readers_language_with_its_times_in_moscow()
    {
        var run = await SeedRunAsync();
        var (ru, en) = (await PageAsync($"/admin/runs/{run}/timeline"), await PageAsync($"/admin/runs/{run}/timeline", "en"));
        Assert.Contains("<td class=\"event-requested\">запрошен</td>", ru);
        Assert.Contains("<td class=\"event-requested\">requested</td>", en);
        Assert.Contains("запрошен: По расписанию, склады: все склады", ru);
        Assert.Contains("requested: Schedule, all warehouses", en);
        Assert.Contains("чтение 1С и планирование", ru);
        Assert.Contains("дефицитов: 2, заказов: 3; чтение 1&#xA0;250 мс, планирование 15 мс", ru);
        Assert.Contains("2 deficits, 3 orders; read 1,250 ms, planned 15 ms", en);
        Assert.Contains("заказ на перемещение Склад Бестужевых → Магазин Купчино, строк: 1, в очереди в 1С", ru);
        Assert.Contains("попытка 1: создан документ 00-001234", ru);
        Assert.Contains("попытка 6 не удалась окончательно (MoySkladException: МойСклад ответил 500); заказ не доставлен", ru);
        Assert.Contains("попытка 1 не удалась (HttpRequestException: 1С не отвечает); следующая в 04.12.2026 12:05:00 MSK", ru);
        Assert.Contains("attempt 1 failed (HttpRequestException: 1С не отвечает); next attempt at 2026-12-04 12:05:00 MSK", en);
    }

    [Fact]
    public async Task a_failed_run_says_why_in_the_readers_language()
    {
        var runId = Guid.CreateVersion7();
        await using (var session = fixture.Store.LightweightSession())
        {
            session.Events.StartStream<ReplenishmentRun>(runId, new RunRequested(runId, RunTrigger.Cli, null, true, SeededAt),
                new RunFailed("Reading 1C failed: Подключение сброшено", SeededAt) { Parts = new RunError(RunErrorCode.ReadingOneCFailed, ["Подключение сброшено"]) });
            await session.SaveChangesAsync();
        }
        var (ru, en) = (await PageAsync("/admin/runs"), await PageAsync("/admin/runs", "en"));
        Assert.Contains("<td>Не удалось прочитать 1С: Подключение сброшено</td>", ru);
        Assert.Contains("<td>Reading 1C failed: Подключение сброшено</td>", en);
        Assert.Contains("<td data-trigger=\"Cli\">Из командной строки</td>", ru);
        var detail = await PageAsync($"/admin/runs/{runId}");
        Assert.Contains("<dt>Ошибка</dt><dd>Не удалось прочитать 1С: Подключение сброшено</dd>", detail);
    }

    [Fact]
    public async Task a_plan_waiting_for_a_yes_asks_in_the_readers_language()
    {
        var run = await SeedWaitingRunAsync();
        var (ru, en) = (await PageAsync($"/admin/runs/{run}"), await PageAsync($"/admin/runs/{run}", "en"));
        Assert.Contains("Без ответа в 04.12.2026 13:00:00 MSK план будет отменён", ru);
        Assert.Contains("Without an answer it sends nothing at 2026-12-04 13:00:00 MSK.", en);
        Assert.Contains("Магазин Девяткино: Чай зелёный, в пути 10: остаток 2 &#x2B; 10 в пути (10 хаб повторяет отправку) &lt; минимума 50", ru);
        Assert.Contains(">Отправить заказы</button>", ru);
        Assert.Contains("<td class=\"status-unsent\">ещё не отправлен: ждёт подтверждения</td>", ru);
        Assert.Contains("<dt>Статус</dt><dd><span data-status=\"AwaitingConfirmation\">Ждёт подтверждения</span></dd>", ru);
        Assert.Contains("<span data-status=\"AwaitingConfirmation\">Awaiting confirmation</span>", en);
    }

    [Fact]
    public async Task the_outbox_and_schedules_pages_speak_russian_by_default_and_english_by_the_cookie()
    {
        await SeedRunAsync();
        var (ru, en) = (await PageAsync("/admin/outbox"), await PageAsync("/admin/outbox", "en"));
        Assert.Contains("<h2>Не доставлено</h2>", ru);
        Assert.Contains("<h2>Parked</h2>", en);
        Assert.Contains("<h2>Ожидают отправки (1)</h2>", ru);
        Assert.Contains("<h2>Pending (1)</h2>", en);
        Assert.Contains(">Ждёт повтора</td>", ru);
        Assert.Contains(">Retrying</td>", en);
        Assert.Contains("data-confirm=\"Повторить отправку этого заказа?\"", ru);
        Assert.Contains("data-confirm=\"Replay this order?\"", en);
        Assert.Contains("<button type=\"submit\" id=\"replay-all\">Повторить все (1)</button>", ru);
        Assert.Contains("<button type=\"submit\" id=\"replay-all\">Replay all 1</button>", en);

        var (schedules, schedulesEn) = (await PageAsync("/admin/schedules"), await PageAsync("/admin/schedules", "en"));
        Assert.Contains("<th>Последний запуск</th>", schedules);
        Assert.Contains("<th>Last occurrence</th>", schedulesEn);
        Assert.Contains(">Приостановить</button>", schedules);
        Assert.Contains(">Pause</button>", schedulesEn);
        Assert.Contains("<td>Оценка дефицита</td>", schedules);
        Assert.Contains("data-outcome=\"skipped\">пропущен</span>: ещё шёл предыдущий запуск", schedules);
        Assert.Contains("data-outcome=\"skipped\">skipped</span>: an earlier run was still in progress", schedulesEn);
    }

    [GeneratedRegex("<header>.*?</header>", RegexOptions.Singleline)]
    private static partial Regex HeaderOf();

    [GeneratedRegex("[А-Яа-яЁё]")]
    private static partial Regex Cyrillic();

    /// <summary>A text asked for by its English words: T("…"), AdminText.T("…") and the Runs pages' Shown.W/Say/SayHtml("…").</summary>
    [GeneratedRegex("(?<![\\w.])(?:AdminText\\.T|T|Shown\\.W|Shown\\.Say|Shown\\.SayHtml)\\(\\s*\"(?<key>(?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex TextCall();

    [GeneratedRegex("[A-Za-z]")]
    private static partial Regex Latin();

    [GeneratedRegex("<(script|style|code)\\b.*?</\\1>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Hidden();

    [GeneratedRegex("<(\\w+)[^>]*\\slang=\"(?!ru)[^\"]*\"[^>]*>.*?</\\1>", RegexOptions.Singleline)]
    private static partial Regex OtherLanguage();

    [GeneratedRegex("(?:\\s(?:title|placeholder|aria-label|data-confirm)=\"(?<value>[^\"]*)\")|(?:<(?:input|button)\\b[^>]*\\stype=\"(?:submit|button|reset)\"[^>]*\\svalue=\"(?<value>[^\"]*)\")")]
    private static partial Regex ReadAttribute();

    [GeneratedRegex("data-name=\"([^\"]*)\"")]
    private static partial Regex DataName();

    [GeneratedRegex("<(?:[^\"'>]|\"[^\"]*\"|'[^']*')*>")]
    private static partial Regex Tag();

    /// <summary>A setting's name as the configuration spells it (Notifications:Webhook, OneC:DonorWarehouses:0): code, not a label.</summary>
    [GeneratedRegex("\\b[A-Z][A-Za-z]+(?::[A-Za-z0-9]+)+\\b")]
    private static partial Regex Setting();

    [GeneratedRegex("[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}|\\b[0-9a-f]{8}\\b")]
    private static partial Regex Ids();

    [GeneratedRegex("\\b[A-Za-z]+\\b(?:[\\s,.;:!?()\"“”«»/–—-]+\\b[A-Za-z]+\\b)+")]
    private static partial Regex EnglishWords();

    [GeneratedRegex("\\b[A-Za-z]+\\b")]
    private static partial Regex LatinWord();
}
