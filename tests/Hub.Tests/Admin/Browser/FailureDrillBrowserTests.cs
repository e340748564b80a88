using System.Text.Json;
using System.Text.RegularExpressions;
using Hub.Simulators;
using Hub.Simulators.Faults;
using Hub.Tests.Infrastructure;
using Hub.Tests.Outbox.Notifications;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hub.Tests.Admin.Browser;

/// <summary>
/// An order that fails for good, as an operator meets it: the built hub as a process, the simulators, a webhook receiver
/// and a fake Telegram API on loopback, and the pages in Debian's Chromium, in the pages' default language (Russian).
/// </summary>
public sealed class FailureDrillBrowserTests : IAsyncLifetime
{
    private LoopbackReceiver _receiver = null!;
    private BrowserHub _hub = null!;
    private Chromium _chromium = null!;

    public async Task InitializeAsync()
    {
        _receiver = await LoopbackReceiver.StartAsync();
        _hub = await BrowserHub.StartAsync("failure_drill", new Dictionary<string, string>
        {
            ["Notifications:Webhook:Url"] = new Uri(_receiver.Address, "/hook").ToString(),
            ["Notifications:Webhook:Secret"] = NotificationsFixture.Secret,
            ["Notifications:Telegram:BotToken"] = NotificationsFixture.BotToken,
            ["Notifications:Telegram:ChatId"] = NotificationsFixture.ChatId,
            ["Notifications:Telegram:BaseUrl"] = _receiver.Address.ToString(),
            ["Notifications:HubUrl"] = "https://hub.example.ru",
        });
        _chromium = await Chromium.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _chromium.DisposeAsync();
        await _hub.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task an_order_that_fails_for_good_is_in_the_error_logs_the_stats_the_badge_and_one_message_per_channel_and_a_replay_from_the_badge_clears_it()
    {
        // 1C refuses every create: each transfer order runs out of its retries (about four seconds) and is parked.
        _hub.Simulator.Faults.Set(SimulatorSystem.OneC, new FaultSettings { Methods = "POST", ErrorRate = 1 });
        var page = await _chromium.SignedInAsync(_hub.Address, TestKeys.Operator);
        await page.GotoAsync("/admin/runs");
        await page.UncheckAsync("#trigger input[name=dry_run]");
        await page.ClickAsync("#trigger button[type=submit]");
        await Expect(page).ToHaveURLAsync(new Regex("/admin/runs/[0-9a-f-]{36}$"));
        var runUrl = page.Url;
        var runId = runUrl[^36..];
        var status = page.Locator("#run dt:text-is('Статус') + dd");
        await Expect(status).ToHaveTextAsync("Завершён с ошибками", new() { Timeout = 120_000 });
        var parked = await page.Locator("#orders td.status-Parked").CountAsync();
        Assert.True(parked > 0, "no order was parked");

        // The Logs page filtered by ERROR: one record per parked order, with the system, the run and the reason.
        await page.GotoAsync($"/admin/logs?level=ERROR&step=delivery&run_id={runId}");
        await Expect(page.Locator("tr.log")).ToHaveCountAsync(parked);
        await Expect(page.Locator("tr.log").First).ToContainTextAsync("parked after");
        await Chromium.ShotAsync(page, "drill-error-logs");

        // Stats count the failures for 1C.
        await page.GotoAsync("/admin/stats?system=1c");
        var summary = await page.Locator("section.system[data-system='1c'] p.summary").InnerTextAsync();
        var failed = int.Parse((await page.Locator("section.system[data-system='1c'] p.summary").GetAttributeAsync("data-failed"))!);
        Assert.True(failed >= parked, $"stats say {summary}, with {parked} orders parked");

        // The navigation's badge, on any page, counts the parked orders.
        await page.GotoAsync("/admin/health");
        await Expect(page.Locator("#badge-parked")).ToHaveTextAsync($"Не доставлено: {parked}");
        await Chromium.ShotAsync(page, "drill-badge");

        // One message per channel for the run, whatever number of orders it parked.
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while ((_receiver.Webhooks.Count == 0 || _receiver.Telegram.Count == 0) && DateTime.UtcNow < deadline) await Task.Delay(200);
        var hook = JsonDocument.Parse(Assert.Single(_receiver.Webhooks).Body).RootElement;
        Assert.Equal(runId, hook.GetProperty("run_id").GetString());
        Assert.Contains(runId, JsonDocument.Parse(Assert.Single(_receiver.Telegram).Body).RootElement.GetProperty("text").GetString());

        // From the badge to the Outbox page, where the operator replays everything once 1C is back.
        _hub.Simulator.Faults.Reset();
        await page.ClickAsync("#badge-parked");
        await Expect(page).ToHaveURLAsync(new Regex("/admin/outbox$"));
        await Expect(page.Locator("tr.dead-letter")).ToHaveCountAsync(parked);
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.ClickAsync("#replay-all");
        await Expect(page.Locator("#done")).ToContainTextAsync($"Повторно отправлено недоставленных заказов: {parked}");

        deadline = DateTime.UtcNow.AddMinutes(2);
        while (_hub.Simulator.State.TransferOrders.Count < parked && DateTime.UtcNow < deadline) await Task.Delay(200);
        Assert.Equal(parked, _hub.Simulator.State.TransferOrders.Count);
        await page.GotoAsync(runUrl);
        await Expect(status).ToHaveTextAsync("Завершён", new() { Timeout = 60_000 });
        await Expect(page.Locator("#badges")).Not.ToContainTextAsync("Не доставлено");
        await Expect(page.Locator("#badge-parked")).ToHaveCountAsync(0);
        await Chromium.ShotAsync(page, "drill-cleared");
        // Still one message each: the replay and the run's end said nothing more.
        Assert.Single(_receiver.Webhooks);
        Assert.Single(_receiver.Telegram);
    }
}
