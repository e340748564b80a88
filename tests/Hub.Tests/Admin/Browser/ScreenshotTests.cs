using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hub.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hub.Tests.Admin.Browser;

/// <summary>
/// Every admin page in Debian's Chromium at a laptop and a phone, in Russian and English, saved as
/// chromium-&lt;width&gt;x&lt;height&gt;-&lt;lang&gt;-&lt;page&gt;.png under test-results/screenshots/; each visit checks the layout
/// (tests/browser-firefox/layout-check.js). And what issue 16's "Done when" asks, at a phone in Russian: a run started by
/// warehouse name and followed to its orders, their lines and their logs.
/// </summary>
[Collection(ScreensCollection.Name)]
public sealed class ScreenshotTests(ScreensFixture screens)
{
    [Fact]
    public async Task every_page_fits_a_laptop_and_a_phone_in_russian_and_english_in_chromium()
    {
        foreach (var old in Directory.GetFiles(Chromium.Screenshots, "chromium-*x*-*.png").Where(f => !Path.GetFileName(f).Contains("-flow-"))) File.Delete(old);
        var problems = new List<string>();
        foreach (var (width, height) in ScreensFixture.Sizes)
            foreach (var language in ScreensFixture.Languages)
                await VisitEveryPageAsync(width, height, language, problems);

        Assert.True(problems.Count == 0, $"{problems.Count} layout problem(s):\n  {string.Join("\n  ", problems)}");
        foreach (var (width, height) in ScreensFixture.Sizes)
            foreach (var language in ScreensFixture.Languages)
                foreach (var name in screens.Pages.Select(p => p.Name).Append("sign-in"))
                    Assert.True(File.Exists(Path.Combine(Chromium.Screenshots, $"chromium-{width}x{height}-{language}-{name}.png")), $"no screenshot of {name} at {width}x{height} in {language}");
    }

    /// <summary>One context per size and language: its own cookies, so a language chosen by its link and a session of its own.</summary>
    private async Task VisitEveryPageAsync(int width, int height, string language, List<string> problems)
    {
        var phone = ScreensFixture.IsPhone(width);
        var prefix = $"chromium-{width}x{height}-{language}";
        await using var context = await screens.Chromium.ContextAsync(screens.Hub.Address, width, height, phone);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/admin/sign-in");
        if (language == "en")
        {
            // The language link in the header, as a user switches (at a phone it is in the menu): the choice is a cookie kept for the pages after.
            if (phone) await page.TapAsync("header .menu-button");
            await page.ClickAsync("header a.lang[lang=en]");
        }
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
        await CheckAsync(page, prefix, "sign-in", phone, problems);

        await page.FillAsync("input[name=api_key]", TestKeys.Operator);
        await page.ClickAsync("form[action='/admin/sign-in'] button[type=submit]");
        await Expect(page.Locator("header form[action='/admin/sign-out'] button")).ToHaveTextAsync(language == "ru" ? "Выйти" : "Sign out");

        foreach (var (name, path) in screens.Pages)
        {
            await page.GotoAsync(path);
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
            var scrolling = await CheckAsync(page, prefix, name, phone, problems);
            // The run's orders are wider than a phone: the one table that must be seen to scroll in its box.
            if (phone && name == "run" && scrolling == 0) problems.Add($"{prefix}-{name}: the orders table does not scroll sideways in its box");
        }
    }

    /// <summary>The page's screenshot and its layout; at a phone also the menu, opened by a tap. Returns the tables that scroll.</summary>
    private static async Task<int> CheckAsync(IPage page, string prefix, string name, bool phone, List<string> problems)
    {
        // What htmx loads once the page shows (the badges, a run's timeline) settles before the picture is taken.
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle, new() { Timeout = 15_000 });
        await Chromium.ShotAsync(page, $"{prefix}-{name}");
        var scrolling = await LayoutAsync(page, phone ? "phone" : "laptop", $"{prefix}-{name}", problems);
        if (!phone) return scrolling;

        await page.TapAsync("header .menu-button");
        await Expect(page.Locator("header nav a").First).ToBeVisibleAsync();
        await LayoutAsync(page, "phone-open", $"{prefix}-{name} (menu open)", problems);
        if (name is "sign-in" or "runs") await Chromium.ShotAsync(page, $"{prefix}-{name}-menu");
        return scrolling;
    }

    private static async Task<int> LayoutAsync(IPage page, string phase, string where, List<string> problems)
    {
        var result = await page.EvaluateAsync<JsonElement>(ScreensFixture.LayoutCheck, phase);
        problems.AddRange(result.GetProperty("problems").EnumerateArray().Select(p => $"{where}: {p.GetString()}"));
        return result.GetProperty("scrolling").GetInt32();
    }

    [Fact]
    public async Task at_a_phone_in_russian_a_run_is_started_by_warehouse_name_and_followed_to_its_orders_their_lines_and_their_logs()
    {
        const string warehouse = "Магазин Купчино";
        foreach (var old in Directory.GetFiles(Chromium.Screenshots, "chromium-390x844-ru-flow-*.png")) File.Delete(old);
        await using var context = await screens.Chromium.ContextAsync(screens.Hub.Address, 390, 844, phone: true);
        var page = await context.NewPageAsync();
        var step = 0;
        Task Shot(string what) => Chromium.ShotAsync(page, $"chromium-390x844-ru-flow-{++step}-{what}");

        // A new user opens the Runs page and is asked for a key first, in Russian.
        await page.GotoAsync("/admin/runs");
        await Expect(page).ToHaveURLAsync(new Regex("/admin/sign-in"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ru");
        await Shot("sign-in");
        await page.FillAsync("input[name=api_key]", TestKeys.Operator);
        await page.ClickAsync("form[action='/admin/sign-in'] button[type=submit]");
        await Expect(page).ToHaveURLAsync(new Regex("/admin/runs$"));
        await Shot("runs");

        // The warehouse by its name from 1C's list, not by a Ref_Key; a real run, not a dry one.
        var select = page.Locator("#trigger select[name=warehouse_id]");
        await Expect(select.Locator("option", new() { HasText = warehouse })).ToHaveCountAsync(1);
        await select.SelectOptionAsync(new SelectOptionValue { Label = warehouse });
        await page.UncheckAsync("#trigger input[name=dry_run]");
        await Shot("warehouse-chosen");
        await page.GetByRole(AriaRole.Button, new() { Name = "Запустить оценку дефицита" }).TapAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/admin/runs/[0-9a-f-]{36}$"));
        var runUrl = page.Url;
        await Expect(page.Locator("#run")).ToContainTextAsync(warehouse);

        // Followed until the run has ended with every order in the systems (asked of the API, which keeps the page's own
        // words out of the wait), then read again, as a user would reload the page.
        var run = await screens.Hub.WaitForRunAsync(Guid.Parse(runUrl[^36..]));
        var sent = RunsApi.Orders(run);
        Assert.NotEmpty(sent);
        Assert.All(sent, o => Assert.True(RunsApi.IsSent(o), $"order {o.GetProperty("id")} is {o.GetProperty("state")}"));
        await page.GotoAsync(runUrl);
        var orders = page.Locator("#orders tbody tr");
        await Expect(orders).ToHaveCountAsync(sent.Length);
        await Shot("run");

        // An order's lines open in place; each names an item and its quantity.
        var order = orders.First;
        await order.Locator("details.lines summary").TapAsync();
        var lines = order.Locator("details.lines li");
        await Expect(lines.First).ToBeVisibleAsync();
        await Expect(lines.First).ToHaveTextAsync(new Regex(@": \d"));
        await Shot("order-lines");

        // From the order to its own logs: every call it made, under its id.
        var logsLink = order.Locator("a[href^='/admin/logs?request_id=']");
        var orderId = (await logsLink.GetAttributeAsync("href"))![^36..];
        await logsLink.TapAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"request_id={orderId}"));
        // Exactly the records the API holds under the order's id: the page shows the order's logs and no others.
        using var api = screens.Hub.Api(TestKeys.Admin);
        var stored = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/logs?request_id={orderId}")).GetProperty("items").GetArrayLength();
        Assert.True(stored > 0, $"no logs under the order {orderId}");
        await Expect(page.Locator("tr.log")).ToHaveCountAsync(stored);
        await Shot("order-logs");
    }
}
