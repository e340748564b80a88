using Hub.Replenishment.Schedule;
using Hub.Simulators;
using Hub.Simulators.Faults;
using Hub.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hub.Tests.Admin.Browser;

/// <summary>
/// The admin pages in Debian's Chromium, driven by Playwright through its executable path (no browser download),
/// against the built hub as a process on a real port and the simulators of 1C and МойСклад. Each page is saved as a
/// screenshot under test-results/screenshots/.
/// </summary>
public sealed class AdminBrowserTests : IAsyncLifetime
{
    private BrowserHub _hub = null!;
    private Chromium _chromium = null!;

    private RunningSimulator Sim => _hub.Simulator;

    public async Task InitializeAsync()
    {
        _hub = await BrowserHub.StartAsync("admin_browser");
        _chromium = await Chromium.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _chromium.DisposeAsync();
        await _hub.DisposeAsync();
    }

    private Task<IPage> SignedInAsync(string key) => _chromium.SignedInAsync(_hub.Address, key);

    private static Task ShotAsync(IPage page, string name) => Chromium.ShotAsync(page, name);

    [Fact]
    public async Task an_operator_signs_in_filters_logs_opens_a_record_runs_a_dry_run_and_pauses_the_schedule()
    {
        await _hub.SeedTwelveLogsAsync();

        var page = await SignedInAsync(TestKeys.Operator);
        // The hub's own start-up check of the simulator's names writes logs too; these twelve are the test's.
        await Expect(page.Locator("tr.log").Filter(new() { HasText = "internal_replenishment" })).ToHaveCountAsync(12);
        await Expect(page.Locator("header .who")).ToContainTextAsync("test-operator · оператор");
        await ShotAsync(page, "logs");

        // Filter: the form's GET puts the filter in the URL.
        await page.CheckAsync("input[name=level][value=ERROR]");
        await page.ClickAsync("form.filters button[type=submit]");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("level=ERROR"));
        await Expect(page.Locator("tr.log")).ToHaveCountAsync(1);
        await Expect(page.Locator("tr.log")).ToContainTextAsync("МойСклад answered 500 for <order 5>");

        // A line opens in place under itself, through htmx (Logs page, issue 16).
        await page.ClickAsync("tr.log button.disclose");
        await Expect(page.Locator("tr.preview .expanded")).ToBeVisibleAsync();
        await Expect(page.Locator("tr.preview .expanded")).ToContainTextAsync("\"store\": \"Бестужевых\"");
        await ShotAsync(page, "log-record");
        await page.ClickAsync("tr.log button.disclose");
        await Expect(page.Locator("tr.preview .expanded")).ToBeHiddenAsync();

        // Export of the shown filter: a real download holding the one ERROR record, Cyrillic intact.
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-csv"));
        // No period chosen: from the start to the moment of the export.
        Assert.Matches(@"^integration-logs_start_\d{8}T\d{6}Z\.csv$", download.SuggestedFilename);
        var csv = (await File.ReadAllTextAsync((await download.PathAsync())!)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, csv.Length);
        Assert.Contains("МойСклад answered 500 for <order 5>", csv[1]);

        // Stats: the test's twelve logs of this hour, as charts per system and a table.
        await page.ClickAsync("header nav a[href='/admin/stats']");
        await Expect(page.Locator("section.system[data-system=moysklad] svg.chart")).ToHaveCountAsync(3);
        await Expect(page.Locator("section.system[data-system=moysklad] svg.chart rect.failed")).ToHaveCountAsync(2);
        await Expect(page.Locator("#stats-table tr.stat")).Not.ToHaveCountAsync(0);
        await ShotAsync(page, "stats");
        await page.ClickAsync("#buckets a:text('По дням, последние 30 дней')");
        await Expect(page.Locator("#buckets strong")).ToHaveTextAsync("По дням, последние 30 дней");
        await ShotAsync(page, "stats-daily");

        // A dry run from the Runs page, followed to its end on its own page.
        await page.ClickAsync("header nav a[href='/admin/runs']");
        await Expect(page.Locator("#trigger input[name=dry_run]")).ToBeCheckedAsync();
        await page.ClickAsync("#trigger button[type=submit]");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin/runs/[0-9a-f-]{36}$"));
        await Expect(page.Locator("#run")).ToContainTextAsync("Спланирован", new() { Timeout = 60_000 });
        await Expect(page.Locator("#run")).ToContainTextAsync("Из админки");
        // The timeline loads on its own once the page shows, and refreshes until the run has ended.
        await Expect(page.Locator("#timeline .event-planned")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await Expect(page.Locator("#timeline .event-requested")).ToHaveCountAsync(1);
        await ShotAsync(page, "run");
        var runUrl = page.Url;
        await page.ClickAsync("a:text('Все запуски')");
        await Expect(page.Locator("tr.run")).ToHaveCountAsync(1);
        await Expect(page.Locator("tr.run")).ToContainTextAsync("Спланирован");
        await ShotAsync(page, "runs");

        // Pause the schedule and resume it.
        await page.ClickAsync("header nav a[href='/admin/schedules']");
        await Expect(page.Locator($"tr.schedule[data-name={ScheduledReplenishment.ScheduleName}]")).ToContainTextAsync("Europe/Moscow");
        await page.ClickAsync($"#pause-{ScheduledReplenishment.ScheduleName}");
        await Expect(page.Locator("#done")).ToContainTextAsync("приостановлено");
        await Expect(page.Locator($"tr.schedule[data-name={ScheduledReplenishment.ScheduleName}]")).ToContainTextAsync("приостановлено");
        await ShotAsync(page, "schedules");
        await page.ClickAsync($"#resume-{ScheduledReplenishment.ScheduleName}");
        await Expect(page.Locator($"tr.schedule[data-name={ScheduledReplenishment.ScheduleName}]")).ToContainTextAsync("действует");

        await page.ClickAsync("header nav a[href='/admin/outbox']");
        await Expect(page.Locator("#empty")).ToContainTextAsync("Недоставленных заказов");
        await ShotAsync(page, "outbox");
        await page.ClickAsync("header nav a[href='/admin/health']");
        await Expect(page.Locator("#overall")).ToContainTextAsync("в норме");
        await Expect(page.Locator("#lw-dropped")).ToHaveTextAsync("0 с запуска хаба");
        await Expect(page.Locator("table#queues tr.queue[data-name=run-deliveries]")).ToHaveCountAsync(1);
        await Expect(page.Locator("#store-counts")).ToBeVisibleAsync();
        // The check-connections result, asked for from the page, for both simulated systems.
        await page.ClickAsync("button#check-connections");
        await Expect(page.Locator("tr.connection[data-system=moysklad]")).ToContainTextAsync("Подключено", new() { Timeout = 30_000 });
        await Expect(page.Locator("tr.connection[data-system='1c']")).ToContainTextAsync("Подключено");
        await ShotAsync(page, "health");

        // Signing out ends the session: the run's page asks for a key again.
        await page.ClickAsync("header form[action='/admin/sign-out'] button");
        await page.GotoAsync(runUrl);
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin/sign-in"));
    }

    [Fact]
    public async Task an_operator_replays_a_parked_order_after_saying_yes_and_it_reaches_1c_once()
    {
        // 1C refuses every create: each transfer order runs out of retries (about four seconds) and is parked.
        Sim.Faults.Set(SimulatorSystem.OneC, new FaultSettings { Methods = "POST", ErrorRate = 1 });
        var page = await SignedInAsync(TestKeys.Operator);
        await page.ClickAsync("header nav a[href='/admin/runs']");
        await page.UncheckAsync("#trigger input[name=dry_run]");
        await page.ClickAsync("#trigger button[type=submit]");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin/runs/[0-9a-f-]{36}$"));
        var runUrl = page.Url;

        // Counted only once every order of the run has come to an end: an order still retrying when the faults are
        // switched off would be sent by its own retry, beside the replayed ones.
        var deadline = DateTime.UtcNow.AddMinutes(2);
        int rows, ended;
        do
        {
            await Task.Delay(1000);
            await page.GotoAsync(runUrl);
            rows = await page.Locator("#orders tbody tr").CountAsync();
            ended = await page.Locator("#orders td.status-Parked, #orders td.status-Sent").CountAsync();
        } while ((rows == 0 || ended < rows) && DateTime.UtcNow < deadline);
        await page.GotoAsync("/admin/outbox?system=1c");
        var parked = await page.Locator("tr.dead-letter").CountAsync();
        Assert.True(parked > 0, "no order was parked");
        await Expect(page.Locator("tr.dead-letter").First).ToContainTextAsync("ExternalApiException");
        await ShotAsync(page, "outbox-parked");

        // Saying no to the confirmation changes nothing.
        void No(object? sender, IDialog dialog) => dialog.DismissAsync();
        page.Dialog += No;
        await page.ClickAsync("#replay-all");
        await Expect(page.Locator("tr.dead-letter")).ToHaveCountAsync(parked);
        page.Dialog -= No;

        Sim.Faults.Reset();
        string? asked = null;
        page.Dialog += (_, dialog) => { asked = dialog.Message; dialog.AcceptAsync(); };
        await page.ClickAsync("#replay-all");
        await Expect(page.Locator("#done")).ToContainTextAsync($"Повторно отправлено недоставленных заказов: {parked}");
        Assert.Equal($"Повторить отправку недоставленных заказов ({parked})?", asked);

        deadline = DateTime.UtcNow.AddMinutes(2);
        while (Sim.State.TransferOrders.Count < parked && DateTime.UtcNow < deadline) await Task.Delay(200);
        Assert.Equal(parked, Sim.State.TransferOrders.Count);
        Assert.All(Sim.State.TransferOrders.GroupBy(d => d.Comment), g => Assert.Single(g));
        await page.GotoAsync("/admin/outbox?system=1c");
        await Expect(page.Locator("#empty")).ToBeVisibleAsync();

        // The run's page comes to show every order sent, the replayed ones included.
        deadline = DateTime.UtcNow.AddMinutes(1);
        int orders, sent;
        do
        {
            await page.GotoAsync(runUrl);
            orders = await page.Locator("#orders tbody tr").CountAsync();
            sent = await page.Locator("#orders td.status-Sent").CountAsync();
            if (sent < orders) await Task.Delay(500);
        } while (sent < orders && DateTime.UtcNow < deadline);
        Assert.True(orders >= parked, $"the run lists {orders} orders, fewer than the {parked} parked");
        Assert.Equal(orders, sent);
        await ShotAsync(page, "run-after-replay");
    }

    [Fact]
    public async Task a_viewer_is_offered_nothing_to_act_with()
    {
        var page = await SignedInAsync(TestKeys.Viewer);
        await page.ClickAsync("header nav a[href='/admin/runs']");
        await Expect(page.Locator("#trigger")).ToHaveCountAsync(0);
        await page.ClickAsync("header nav a[href='/admin/schedules']");
        await Expect(page.Locator("tr.schedule button")).ToHaveCountAsync(0);
    }
}
