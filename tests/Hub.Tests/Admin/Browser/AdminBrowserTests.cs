using System.Net.Http.Json;
using Hub.Replenishment.Schedule;
using Hub.Simulators;
using Hub.Tests.Infrastructure;
using Hub.Tests.Replenishment;
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
    private static readonly string Screenshots = Path.Combine(HubProcess.RepoRoot, "test-results", "screenshots");
    private RunningSimulator _sim = null!;
    private RunningHub _hub = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    /// <summary>scripts/test.sh installs Debian's chromium and names it in HUB_CHROMIUM.</summary>
    private static string ChromiumPath()
    {
        var path = Environment.GetEnvironmentVariable("HUB_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        return File.Exists(path) ? path : throw new InvalidOperationException($"no Chromium at {path}: scripts/test.sh installs Debian's chromium package");
    }

    public async Task InitializeAsync()
    {
        _sim = await SimulatorServer.StartAsync(new SimulatorOptions { ItemCount = 20 });
        var env = new Dictionary<string, string?> { ["ConnectionStrings__Hub"] = await TestDatabase.CreateAsync("admin_browser", fresh: true) };
        foreach (var (key, value) in ReplenishmentFixture.SimulatorSettings(_sim).Concat(TestKeys.Settings()))
            env[key.Replace(":", "__")] = value;
        _hub = await RunningHub.StartAsync(env);
        _playwright = await Playwright.CreateAsync();
        // --no-sandbox: tests run as root in CI, where Chromium's sandbox refuses to start.
        _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath(), Headless = true, Args = ["--no-sandbox"] });
        Directory.CreateDirectory(Screenshots);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _hub.DisposeAsync();
        await _sim.DisposeAsync();
    }

    private async Task<IPage> SignedInAsync(string key)
    {
        var page = await _browser.NewPageAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 }, BaseURL = _hub.Address.ToString() });
        await page.GotoAsync("/admin/logs");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin/sign-in"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "sign-in.png") });
        await page.FillAsync("input[name=api_key]", key);
        await page.ClickAsync("form[action='/admin/sign-in'] button[type=submit]");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin/logs$"));
        return page;
    }

    private Task ShotAsync(IPage page, string name) => page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });

    [Fact]
    public async Task an_operator_signs_in_filters_logs_opens_a_record_runs_a_dry_run_and_pauses_the_schedule()
    {
        using (var api = _hub.Client(TestKeys.Admin))
        {
            var logs = Enumerable.Range(0, 12).Select(i => new
            {
                process_name = "internal_replenishment", step = i % 2 == 0 ? "plan" : "send", log_level = i == 5 ? "ERROR" : "INFO",
                status = i == 5 ? "failed" : "success", external_system = i % 2 == 0 ? "1c" : "moysklad",
                message = i == 5 ? "МойСклад answered 500 for <order 5>" : $"step {i} done",
                details = new { attempt = i, store = "Бестужевых" },
            }).ToArray();
            (await api.PostAsJsonAsync("/api/v1/logs", logs)).EnsureSuccessStatusCode();
        }

        var page = await SignedInAsync(TestKeys.Operator);
        // The hub's own start-up check of the simulator's names writes logs too; these twelve are the test's.
        await Expect(page.Locator("tr.log").Filter(new() { HasText = "internal_replenishment" })).ToHaveCountAsync(12);
        await Expect(page.Locator("header .who")).ToContainTextAsync("test-operator · operator");
        await ShotAsync(page, "logs");

        // Filter: the form's GET puts the filter in the URL.
        await page.SelectOptionAsync("select[name=level]", "ERROR");
        await page.ClickAsync("form.filters button[type=submit]");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("level=ERROR"));
        await Expect(page.Locator("tr.log")).ToHaveCountAsync(1);
        await Expect(page.Locator("tr.log")).ToContainTextAsync("МойСклад answered 500 for <order 5>");

        // A record opens beside the list, through htmx.
        await page.ClickAsync("tr.log a:text('Open')");
        await Expect(page.Locator("#record section.record")).ToBeVisibleAsync();
        await Expect(page.Locator("#record")).ToContainTextAsync("\"store\": \"Бестужевых\"");
        await ShotAsync(page, "log-record");
        await page.ClickAsync("#record button.close");
        await Expect(page.Locator("#record section.record")).ToHaveCountAsync(0);

        // A dry run from the Runs page, followed to its end on its own page.
        await page.ClickAsync("header nav a:text('Runs')");
        await Expect(page.Locator("#trigger input[name=dry_run]")).ToBeCheckedAsync();
        await page.ClickAsync("#trigger button[type=submit]");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin/runs/[0-9a-f-]{36}$"));
        await Expect(page.Locator("#run")).ToContainTextAsync("Planned", new() { Timeout = 60_000 });
        await Expect(page.Locator("#run")).ToContainTextAsync("Admin");
        await ShotAsync(page, "run");
        var runUrl = page.Url;
        await page.ClickAsync("a:text('All runs')");
        await Expect(page.Locator("tr.run")).ToHaveCountAsync(1);
        await Expect(page.Locator("tr.run")).ToContainTextAsync("Planned");
        await ShotAsync(page, "runs");

        // Pause the schedule and resume it.
        await page.ClickAsync("header nav a:text('Schedules')");
        await Expect(page.Locator($"tr.schedule[data-name={ScheduledReplenishment.ScheduleName}]")).ToContainTextAsync("Europe/Moscow");
        await page.ClickAsync($"#pause-{ScheduledReplenishment.ScheduleName}");
        await Expect(page.Locator("#done")).ToContainTextAsync("paused");
        await Expect(page.Locator($"tr.schedule[data-name={ScheduledReplenishment.ScheduleName}]")).ToContainTextAsync("paused");
        await ShotAsync(page, "schedules");
        await page.ClickAsync($"#resume-{ScheduledReplenishment.ScheduleName}");
        await Expect(page.Locator($"tr.schedule[data-name={ScheduledReplenishment.ScheduleName}]")).ToContainTextAsync("active");

        await page.ClickAsync("header nav a:text('Outbox')");
        await Expect(page.Locator("#empty")).ToContainTextAsync("No parked orders");
        await ShotAsync(page, "outbox");
        await page.ClickAsync("header nav a:text('Health')");
        await Expect(page.Locator("#overall")).ToContainTextAsync("Healthy");
        await ShotAsync(page, "health");

        // Signing out ends the session: the run's page asks for a key again.
        await page.ClickAsync("header form[action='/admin/sign-out'] button");
        await page.GotoAsync(runUrl);
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin/sign-in"));
    }

    [Fact]
    public async Task a_viewer_is_offered_nothing_to_act_with()
    {
        var page = await SignedInAsync(TestKeys.Viewer);
        await page.ClickAsync("header nav a:text('Runs')");
        await Expect(page.Locator("#trigger")).ToHaveCountAsync(0);
        await page.ClickAsync("header nav a:text('Schedules')");
        await Expect(page.Locator("tr.schedule button")).ToHaveCountAsync(0);
    }
}
