using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Alba;
using Hub.Contracts.Logging;
using Hub.Contracts.Notifications;
using Hub.Contracts.Replenishment;
using Hub.Outbox.Deliveries;
using Hub.Outbox.Notifications;
using Hub.Tests.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using Wolverine.Tracking;

namespace Hub.Tests.Outbox.Notifications;

[Collection(NotificationsCollection.Name)]
public sealed class NotificationsTests(NotificationsFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAllAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private LoopbackReceiver Receiver => fixture.Receiver;

    private Task<ITrackedSession> PublishAndWaitAsync(params object[] messages) =>
        fixture.Host.TrackActivity().Timeout(TimeSpan.FromSeconds(60)).ExecuteAndWaitAsync(async Task (IMessageContext c) =>
        {
            foreach (var m in messages) await c.PublishAsync(m);
        });

    /// <summary>The receiver's own check: the signature over "{timestamp}.{body}" with the shared secret.</summary>
    private static void AssertSigned(LoopbackReceiver.Received call)
    {
        var timestamp = call.Headers[NotificationSender.TimestampHeader];
        Assert.True(long.TryParse(timestamp, out var seconds) && seconds > 1_700_000_000, $"timestamp {timestamp}");
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(NotificationsFixture.Secret),
            Encoding.UTF8.GetBytes($"{timestamp}.{call.Body}")));
        Assert.Equal(expected, call.Headers[NotificationSender.SignatureHeader]);
        Assert.StartsWith("application/json", call.Headers["Content-Type"]);
    }

    [Fact]
    public async Task a_run_with_several_parked_orders_sends_one_signed_webhook_and_one_telegram_message()
    {
        var run = Guid.CreateVersion7();
        var now = DateTimeOffset.UtcNow;
        var first = new OrderParked(run, Guid.CreateVersion7(), "moysklad", "МойСклад answered 412: product not found", now);
        await PublishAndWaitAsync(first);
        await PublishAndWaitAsync(
            new OrderParked(run, Guid.CreateVersion7(), "1c", "1C refused posting: Не заполнено поле Организация", now.AddSeconds(1)),
            new OrderParked(run, Guid.CreateVersion7(), "moysklad", "МойСклад answered 412: product not found", now.AddSeconds(2)),
            new RunEnded(run, RunOutcomes.CompletedWithFailures, 3, now.AddSeconds(3)));

        var hook = Assert.Single(Receiver.Webhooks);
        AssertSigned(hook);
        Assert.Equal(NotificationEvents.OrderParked, hook.Headers[NotificationSender.EventHeader]);
        var body = JsonDocument.Parse(hook.Body).RootElement;
        Assert.Equal("order_parked", body.GetProperty("event").GetString());
        Assert.Equal(run, body.GetProperty("run_id").GetGuid());
        Assert.Equal($"https://hub.example.ru/admin/runs/{run}", body.GetProperty("url").GetString());
        var order = Assert.Single(body.GetProperty("orders").EnumerateArray());
        Assert.Equal(first.OrderId, order.GetProperty("order_id").GetGuid());
        Assert.Equal("moysklad", order.GetProperty("system").GetString());
        Assert.Contains("МойСклад order", body.GetProperty("text").GetString());

        var telegram = Assert.Single(Receiver.Telegram);
        Assert.Equal($"/bot{NotificationsFixture.BotToken}/sendMessage", telegram.Path);
        var message = JsonDocument.Parse(telegram.Body).RootElement;
        Assert.Equal(NotificationsFixture.ChatId, message.GetProperty("chat_id").GetString());
        Assert.Contains(run.ToString(), message.GetProperty("text").GetString());
        Assert.Contains("product not found", message.GetProperty("text").GetString());

        // The run's record keeps what came after the message, for the digest.
        await using var session = fixture.Store.QuerySession();
        var record = await session.LoadAsync<RunNotification>(run);
        Assert.NotNull(record);
        Assert.Equal(3, record.ParkedOrders.Count);
        Assert.Equal(RunOutcomes.CompletedWithFailures, record.Outcome);

        // The same run speaking again (a redelivered notice) sends nothing more.
        await PublishAndWaitAsync(first, new RunEnded(run, RunOutcomes.CompletedWithFailures, 3, now.AddSeconds(4)));
        Assert.Single(Receiver.Webhooks);
        Assert.Single(Receiver.Telegram);
    }

    [Fact]
    public async Task a_failed_run_is_told_with_its_error_and_a_run_that_ends_well_says_nothing()
    {
        var failed = Guid.CreateVersion7();
        await PublishAndWaitAsync(new RunEnded(failed, RunOutcomes.Failed, 0, DateTimeOffset.UtcNow, "Reading 1C failed: 503 Service Unavailable"),
            new RunEnded(Guid.CreateVersion7(), "Completed", 0, DateTimeOffset.UtcNow),
            new RunEnded(Guid.CreateVersion7(), "Planned", 0, DateTimeOffset.UtcNow));

        var hook = Assert.Single(Receiver.Webhooks);
        AssertSigned(hook);
        var body = JsonDocument.Parse(hook.Body).RootElement;
        Assert.Equal("run_failed", body.GetProperty("event").GetString());
        Assert.Equal("Failed", body.GetProperty("outcome").GetString());
        Assert.Equal("Reading 1C failed: 503 Service Unavailable", body.GetProperty("error").GetString());
        Assert.Contains($"run {failed} failed: Reading 1C failed", JsonDocument.Parse(Assert.Single(Receiver.Telegram).Body).RootElement.GetProperty("text").GetString());
    }

    [Fact]
    public async Task the_digest_lists_the_orders_still_parked_and_the_runs_that_failed_in_the_last_day()
    {
        var now = DateTimeOffset.UtcNow;
        Delivery Delivery(string system, DeliveryState state, string reason) => new()
        {
            Id = Guid.CreateVersion7(), RunId = Guid.CreateVersion7(), ExternalSystem = system, MessageType = "SendCustomerOrder", Description = "test",
            State = state, Attempts = 3, Reason = reason, FirstAttemptAt = now.AddHours(-2), UpdatedAt = now.AddHours(-1),
        };
        var parked1C = Delivery("1c", DeliveryState.Parked, "1C refused posting: Не заполнено поле Организация");
        var parkedMs = Delivery("moysklad", DeliveryState.Parked, "МойСклад answered 412");
        var recentFailure = new RunNotification { Id = Guid.CreateVersion7(), Event = NotificationEvents.RunFailed, Outcome = RunOutcomes.Failed, Error = "1C unreachable", NotifiedAt = now.AddHours(-3), UpdatedAt = now.AddHours(-3) };
        await using (var session = fixture.Store.LightweightSession())
        {
            session.Store(parked1C, parkedMs, Delivery("1c", DeliveryState.Sent, "sent"), Delivery("moysklad", DeliveryState.Replayed, "replayed"), Delivery("1c", DeliveryState.Discarded, "gone"));
            session.Store(recentFailure,
                new RunNotification { Id = Guid.CreateVersion7(), Event = NotificationEvents.RunFailed, Outcome = RunOutcomes.Failed, NotifiedAt = now.AddDays(-3), UpdatedAt = now.AddDays(-3) },
                new RunNotification { Id = Guid.CreateVersion7(), Event = NotificationEvents.OrderParked, Outcome = "Completed", NotifiedAt = now.AddHours(-2), UpdatedAt = now.AddHours(-1) });
            await session.SaveChangesAsync();
        }

        await PublishAndWaitAsync(new NotificationDigest(now));

        var hook = Assert.Single(Receiver.Webhooks);
        AssertSigned(hook);
        var body = JsonDocument.Parse(hook.Body).RootElement;
        Assert.Equal("digest", body.GetProperty("event").GetString());
        var digest = body.GetProperty("digest");
        Assert.Equal(2, digest.GetProperty("parked_orders").GetInt32());
        Assert.Equal(1, digest.GetProperty("parked_by_system").GetProperty("1c").GetInt32());
        Assert.Equal(1, digest.GetProperty("parked_by_system").GetProperty("moysklad").GetInt32());
        Assert.Equal(1, digest.GetProperty("failed_runs").GetInt32());
        Assert.Equal(recentFailure.Id, Assert.Single(digest.GetProperty("failed_run_ids").EnumerateArray()).GetGuid());
        Assert.Equal(new[] { parked1C.Id, parkedMs.Id }.Order().ToArray(),
            body.GetProperty("orders").EnumerateArray().Select(o => o.GetProperty("order_id").GetGuid()).Order().ToArray());

        var text = JsonDocument.Parse(Assert.Single(Receiver.Telegram).Body).RootElement.GetProperty("text").GetString()!;
        Assert.Contains("(Europe/Moscow)", text);
        Assert.Contains("Parked orders waiting for an operator: 2 (1C: 1, МойСклад: 1)", text);
        Assert.Contains("Не заполнено поле Организация", text);
        Assert.Contains($"run {recentFailure.Id}: Failed, 1C unreachable", text);
        Assert.Contains("https://hub.example.ru/admin/outbox", text);

        // With nothing open the digest stays quiet.
        await fixture.ResetAllAsync();
        await PublishAndWaitAsync(new NotificationDigest(now.AddDays(1)));
        Assert.Empty(Receiver.Webhooks);
        Assert.Empty(Receiver.Telegram);
    }

    [Fact]
    public async Task a_channel_that_refuses_parks_its_message_and_one_that_fails_for_a_while_gets_it_on_a_retry()
    {
        Receiver.AnswerWebhook(503, 500);
        Receiver.TelegramStatusAfterQueue = 400;
        var run = Guid.CreateVersion7();
        await fixture.Host.TrackActivity().Timeout(TimeSpan.FromSeconds(60)).DoNotAssertOnExceptionsDetected()
            .ExecuteAndWaitAsync(Task (IMessageContext c) => c.PublishAsync(new OrderParked(run, Guid.CreateVersion7(), "1c", "refused", DateTimeOffset.UtcNow)).AsTask());

        // The retries are scheduled durably a few hundred milliseconds apart; the receiver is watched until the third call.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (Receiver.Webhooks.Count < 3 && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.Equal(3, Receiver.Webhooks.Count);
        Assert.All(Receiver.Webhooks, AssertSigned);
        Assert.Single(Receiver.Webhooks.Select(w => w.Headers[NotificationSender.DeliveryHeader]).Distinct());
        // A refusal is not retried: one call, then the message waits in the dead letters.
        Assert.Single(Receiver.Telegram);

        var writer = fixture.Host.Services.GetRequiredService<IIntegrationLogWriter>();
        IReadOnlyList<string> logs = [];
        while (DateTime.UtcNow < deadline)
        {
            await writer.FlushAsync(CancellationToken.None);
            await using var session = fixture.Store.QuerySession();
            logs = await session.QueryAsync<string>("select data::text from hub.mt_doc_integration_log where process_name = 'notifications'");
            if (logs.Any(l => l.Contains("parked after 1 attempt(s)")) && logs.Count(l => l.Contains("\"success\"")) >= 1) break;
            await Task.Delay(100);
        }
        Assert.Contains(logs, l => l.Contains("\"ERROR\"") && l.Contains("Telegram notification (order_parked) parked after 1 attempt(s)") && l.Contains("chat not found"));
        Assert.Contains(logs, l => l.Contains("\"WARNING\"") && l.Contains("Webhook notification (order_parked) answered 503"));
        Assert.Contains(logs, l => l.Contains("\"success\"") && l.Contains("Webhook"));
        // Neither secret is in any log.
        Assert.All(logs, l => Assert.DoesNotContain(NotificationsFixture.BotToken, l));
        Assert.All(logs, l => Assert.DoesNotContain(NotificationsFixture.Secret, l));
    }

    [Fact]
    public async Task the_readiness_report_shows_the_channels_with_their_secrets_masked()
    {
        var result = await fixture.Host.Scenario(s => { s.Get.Url("/health/ready"); s.IgnoreStatusCode(); });
        var text = await result.ReadAsTextAsync();
        var check = JsonDocument.Parse(text).RootElement.GetProperty("checks").GetProperty("notifications");
        Assert.Equal("healthy", check.GetProperty("status").GetString());
        Assert.Equal(NotificationsHealthCheck.Masked, check.GetProperty("data").GetProperty("telegram_bot_token").GetString());
        Assert.Equal(NotificationsHealthCheck.Masked, check.GetProperty("data").GetProperty("webhook_secret").GetString());
        Assert.Contains(NotificationsFixture.ChatId, check.GetProperty("data").GetProperty("telegram").GetString());
        Assert.DoesNotContain(NotificationsFixture.BotToken, text);
        Assert.DoesNotContain(NotificationsFixture.Secret, text);

        var page = await fixture.Host.Scenario(s => { s.Get.Url("/admin/health"); s.IgnoreStatusCode(); });
        var html = await page.ReadAsTextAsync();
        Assert.DoesNotContain(NotificationsFixture.BotToken, html);
        Assert.DoesNotContain(NotificationsFixture.Secret, html);
    }
}
