using System.Net.Http.Json;
using Hub.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hub.Tests.Admin.Browser;

/// <summary>
/// The Logs page in Chromium while the hub's PostgreSQL (a private cluster of this test) is stopped and started again:
/// the page says what is wrong and comes back by itself, without a reload.
/// </summary>
public sealed class AdminBrowserOutageTests : IAsyncLifetime
{
    private PrivatePostgres _pg = null!;
    private RunningHub _hub = null!;
    private Chromium _chromium = null!;

    public async Task InitializeAsync()
    {
        _pg = await PrivatePostgres.StartAsync();
        _hub = await RunningHub.StartAsync(new Dictionary<string, string?>(TestKeys.Environment()) { ["ConnectionStrings__Hub"] = _pg.ConnectionString });
        _chromium = await Chromium.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _chromium.DisposeAsync();
        await _hub.DisposeAsync();
        await _pg.DisposeAsync();
    }

    [Fact]
    public async Task the_logs_page_says_the_database_is_down_and_shows_the_logs_again_once_it_is_back()
    {
        using (var api = _hub.Client(TestKeys.Ingest))
            (await api.PostAsJsonAsync("/api/v1/logs", new[] { new { process_name = "outage_test", message = "written before the outage" } })).EnsureSuccessStatusCode();

        var page = await _chromium.SignedInAsync(_hub.Address, TestKeys.Viewer);
        await page.GotoAsync("/admin/logs?process=outage_test&refresh=2");
        await Expect(page.Locator("tr.log")).ToContainTextAsync("written before the outage");

        await _pg.StopServerAsync();
        // The next auto-refresh brings the message into the page that is already open.
        await Expect(page.Locator("#db-down")).ToContainTextAsync("База данных сейчас недоступна", new() { Timeout = 60_000 });
        await Expect(page.Locator("form.filters")).ToBeVisibleAsync();
        await Chromium.ShotAsync(page, "logs-database-down");

        await _pg.StartServerAsync();
        await Expect(page.Locator("tr.log")).ToContainTextAsync("written before the outage", new() { Timeout = 90_000 });
        await Expect(page.Locator("#db-down")).ToHaveCountAsync(0);
        await Chromium.ShotAsync(page, "logs-database-back");
    }
}
