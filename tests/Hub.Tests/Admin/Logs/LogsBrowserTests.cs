using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Hub.Tests.Admin.Browser;
using Hub.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hub.Tests.Admin.Logs;

/// <summary>
/// The Logs page as Seq users use it, in Debian's Chromium against the built hub: a line opens in place (by the mouse and
/// by the keyboard), a value in a line filters by it, and the live tail puts what arrives on top while it is on.
/// </summary>
public sealed class LogsBrowserTests : IAsyncLifetime
{
    private BrowserHub _hub = null!;
    private Chromium _chromium = null!;

    public async Task InitializeAsync()
    {
        _hub = await BrowserHub.StartAsync("logs_browser");
        _chromium = await Chromium.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _chromium.DisposeAsync();
        await _hub.DisposeAsync();
    }

    private Task IngestAsync(string system, string message) =>
        PostAsync(new { process_name = "internal_replenishment", step = "send", log_level = "INFO", status = "success", external_system = system, message });

    private async Task PostAsync(params object[] logs)
    {
        using var api = new HttpClient { BaseAddress = _hub.Address, Timeout = TimeSpan.FromSeconds(30) };
        api.DefaultRequestHeaders.Add("X-Api-Key", TestKeys.Admin);
        (await api.PostAsJsonAsync("/api/v1/logs", logs)).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task a_record_that_arrived_late_is_put_on_top_by_the_tail_and_shown_once_when_load_more_reaches_its_time()
    {
        var nine = new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
        await PostAsync(Enumerable.Range(0, 101).Select(i => (object)new { process_name = "bulk", message = $"row {i}", ts = nine.AddMinutes(i) }).ToArray());
        var page = await _chromium.SignedInAsync(_hub.Address, TestKeys.Operator);
        await page.GotoAsync("/admin/logs?process=bulk&page_size=100&tail=1");
        await Expect(page.Locator("tr.log")).ToHaveCountAsync(100);

        // Sent an hour late: older than every record shown, received after them all.
        await PostAsync(new { process_name = "bulk", message = "late by an hour", ts = nine.AddHours(-1) });
        await Expect(page.Locator("tr.log").First).ToContainTextAsync("late by an hour", new() { Timeout = 20_000 });

        await page.ClickAsync("#more a");
        await Expect(page.Locator("tr.log", new() { HasText = "row 0" })).ToHaveCountAsync(1);
        await Expect(page.Locator("tr.log")).ToHaveCountAsync(102);
        await Expect(page.Locator("tr.log", new() { HasText = "late by an hour" })).ToHaveCountAsync(1);
        await Expect(page.Locator("tr.preview")).ToHaveCountAsync(102);
    }

    [Fact]
    public async Task a_line_opens_in_place_a_value_filters_and_the_tail_puts_new_records_on_top()
    {
        await _hub.SeedTwelveLogsAsync();
        var page = await _chromium.SignedInAsync(_hub.Address, TestKeys.Operator);
        var lines = page.Locator("tr.log").Filter(new() { HasText = "internal_replenishment" });
        await Expect(lines).ToHaveCountAsync(12);

        // One line per record however long its JSON: every line is as tall as the first.
        var heights = await page.Locator("tr.log").EvaluateAllAsync<double[]>("rows => rows.map(r => r.getBoundingClientRect().height)");
        Assert.All(heights, h => Assert.InRange(h, 10, 40));

        // A click on the line opens it in place, its JSON pretty-printed with Cyrillic as characters; a second closes it.
        var error = page.Locator("tr.log", new() { HasText = "МойСклад answered 500 for <order 5>" });
        await error.Locator("td.msg").ClickAsync();
        var opened = page.Locator("tr.preview:not([hidden]) .expanded");
        await Expect(opened).ToHaveCountAsync(1);
        await Expect(opened).ToContainTextAsync("\"store\": \"Бестужевых\"");
        await Expect(error.Locator("button.disclose")).ToHaveAttributeAsync("aria-expanded", "true");
        await Chromium.ShotAsync(page, "logs-line-opened");
        await error.Locator("td.msg").ClickAsync();
        await Expect(opened).ToHaveCountAsync(0);

        // By the keyboard: the disclosure is a button.
        await error.Locator("button.disclose").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(opened).ToHaveCountAsync(1);
        await page.Keyboard.PressAsync("Enter");
        await Expect(opened).ToHaveCountAsync(0);

        // A value in a line is a link to the list filtered by it.
        await page.Locator("tr.log a.f", new() { HasText = "moysklad" }).First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("external_system=moysklad"));
        await Expect(lines).ToHaveCountAsync(6);
        await Expect(page.Locator("select[name=external_system]")).ToHaveValueAsync("moysklad");

        // The tail: off, nothing arrives; on, a new record of the filter comes on top and one of another system does not.
        await IngestAsync("moysklad", "arrived while the tail was off");
        await page.CheckAsync("#tail-on");
        // The address keeps it, so a reload follows too.
        await Expect(page).ToHaveURLAsync(new Regex("[?&]tail=1"));
        await IngestAsync("1c", "arrived for another system");
        await IngestAsync("moysklad", "arrived while following");
        await Expect(page.Locator("tr.log").First).ToContainTextAsync("arrived while following", new() { Timeout = 20_000 });
        await Expect(page.Locator("tr.log", new() { HasText = "arrived for another system" })).ToHaveCountAsync(0);
        // What came while the tail was off but after the page was shown is brought too: the tail follows from the page's newest.
        await Expect(page.Locator("tr.log", new() { HasText = "arrived while the tail was off" })).ToHaveCountAsync(1);
        await Expect(lines).ToHaveCountAsync(8);
        // Each once, though the tail asked many times.
        await Expect(page.Locator("tr.log", new() { HasText = "arrived while following" })).ToHaveCountAsync(1);
        await Chromium.ShotAsync(page, "logs-tail");

        // With the tab hidden the tail asks nothing: each tick is stopped before it is sent (counted as the ticks pass, no
        // sleep), and what arrives meanwhile comes when the tab is shown again.
        await page.EvaluateAsync("""
            () => {
              window.tailTicksStopped = 0;
              Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
              document.addEventListener('htmx:beforeRequest', e => { if (e.detail.elt.id === 'tail' && e.defaultPrevented) window.tailTicksStopped++; });
            }
            """);
        await page.WaitForFunctionAsync("() => window.tailTicksStopped >= 1", null, new() { Timeout = 20_000 });
        var sent = 0;
        page.Request += (_, r) => { if (r.Url.Contains("/admin/logs/tail", StringComparison.Ordinal)) Interlocked.Increment(ref sent); };
        await IngestAsync("moysklad", "arrived while hidden");
        await page.WaitForFunctionAsync("() => window.tailTicksStopped >= 3", null, new() { Timeout = 20_000 });
        Assert.Equal(0, Volatile.Read(ref sent));
        await Expect(page.Locator("tr.log", new() { HasText = "arrived while hidden" })).ToHaveCountAsync(0);
        await page.EvaluateAsync("() => Object.defineProperty(document, 'hidden', { configurable: true, get: () => false })");
        await Expect(page.Locator("tr.log", new() { HasText = "arrived while hidden" })).ToHaveCountAsync(1, new() { Timeout = 20_000 });

        // A line the tail brought opens in place like any other.
        await page.Locator("tr.log", new() { HasText = "arrived while following" }).Locator("button.disclose").ClickAsync();
        await Expect(opened).ToContainTextAsync("arrived while following");

        // On a phone the list scrolls inside its box and a line stays one line.
        await page.SetViewportSizeAsync(390, 844);
        await Expect(lines.First).ToBeVisibleAsync();
        var phone = await page.Locator("tr.log").EvaluateAllAsync<double[]>("rows => rows.map(r => r.getBoundingClientRect().height)");
        Assert.All(phone, h => Assert.InRange(h, 10, 40));
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth + 1"), "the page itself scrolls sideways on a phone");
        await Chromium.ShotAsync(page, "logs-phone");
    }
}
