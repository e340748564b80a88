using System.Text.RegularExpressions;
using Hub.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hub.Tests.Admin.Browser;

/// <summary>
/// Debian's Chromium driven by Playwright through its executable path (no browser download), and what every browser
/// test does with it: sign in through the form and keep a screenshot of a page under test-results/screenshots/.
/// </summary>
public sealed class Chromium : IAsyncDisposable
{
    public static readonly string Screenshots = Path.Combine(HubProcess.RepoRoot, "test-results", "screenshots");
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private Chromium(IPlaywright playwright, IBrowser browser) => (_playwright, _browser) = (playwright, browser);

    /// <summary>scripts/test.sh installs Debian's chromium and names it in HUB_CHROMIUM.</summary>
    private static string ExecutablePath()
    {
        var path = Environment.GetEnvironmentVariable("HUB_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        return File.Exists(path) ? path : throw new InvalidOperationException($"no Chromium at {path}: scripts/test.sh installs Debian's chromium package");
    }

    public static async Task<Chromium> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        // --no-sandbox: tests run as root in CI, where Chromium's sandbox refuses to start.
        var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ExecutablePath(), Headless = true, Args = ["--no-sandbox"] });
        Directory.CreateDirectory(Screenshots);
        return new Chromium(playwright, browser);
    }

    /// <summary>A laptop-sized page that went to a protected page, was sent to sign-in, signed in and came back.</summary>
    public async Task<IPage> SignedInAsync(Uri hub, string key)
    {
        var page = await _browser.NewPageAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 }, BaseURL = hub.ToString(), AcceptDownloads = true });
        await page.GotoAsync("/admin/logs");
        await Expect(page).ToHaveURLAsync(new Regex("/admin/sign-in"));
        await ShotAsync(page, "sign-in");
        await page.FillAsync("input[name=api_key]", key);
        await page.ClickAsync("form[action='/admin/sign-in'] button[type=submit]");
        await Expect(page).ToHaveURLAsync(new Regex("/admin/logs$"));
        return page;
    }

    /// <summary>A page of the given size that is not signed in (the API reference is public).</summary>
    public Task<IPage> PageAsync(Uri hub, int width = 1366, int height = 768) =>
        _browser.NewPageAsync(new() { ViewportSize = new() { Width = width, Height = height }, BaseURL = hub.ToString() });

    /// <summary>
    /// A context of its own (cookies, so language and session) at this size; a phone's is a touch screen that honours the
    /// pages' viewport tag, as a phone's browser does. Device pixels stay 1:1 to keep the screenshots small.
    /// </summary>
    public Task<IBrowserContext> ContextAsync(Uri hub, int width, int height, bool phone) =>
        _browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = width, Height = height }, BaseURL = hub.ToString(), IsMobile = phone, HasTouch = phone, DeviceScaleFactor = 1,
        });

    public static Task ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
