using Hub.Tests.Admin.Browser;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hub.Tests.Host;

/// <summary>/docs in Chromium with every other host unreachable: the reference renders from the hub alone, without vendor buttons.</summary>
public sealed class ApiReferenceBrowserTests : IAsyncLifetime
{
    private BrowserHub _hub = null!;
    private Chromium _chromium = null!;

    public async Task InitializeAsync()
    {
        _hub = await BrowserHub.StartAsync("api_reference_browser");
        _chromium = await Chromium.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _chromium.DisposeAsync();
        await _hub.DisposeAsync();
    }

    [Fact]
    public async Task the_reference_renders_offline_with_the_hubs_title_and_no_vendor_buttons()
    {
        var page = await _chromium.PageAsync(_hub.Address);
        var elsewhere = new List<string>();
        // Offline as far as the page can tell: whatever it asks of another host is refused and noted.
        await page.RouteAsync("**/*", async route =>
        {
            var url = new Uri(route.Request.Url);
            if (url.Scheme is "http" or "https" && url.Authority != _hub.Address.Authority)
            {
                lock (elsewhere) elsewhere.Add(route.Request.Url);
                await route.AbortAsync();
            }
            else await route.ContinueAsync();
        });

        await page.GotoAsync("/docs/");
        await Expect(page.GetByText("Integration Hub API").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(page.GetByText("pause, resume or run (now) one schedule").First).ToBeVisibleAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Chromium.ShotAsync(page, "api-reference-laptop");

        Assert.Empty(elsewhere);
        foreach (var vendor in new[] { "Ask AI", "Deploy" })
            Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = vendor }).CountAsync());
        Assert.Equal(0, await page.GetByText("Ask AI").CountAsync());
    }
}
