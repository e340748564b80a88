namespace Hub.Outbox.Notifications;

/// <summary>
/// Section "Notifications": where the hub speaks up when a run fails, ends with failures or an order is parked.
/// A channel is on when its settings are there; none is on by default.
/// </summary>
public sealed class NotificationOptions
{
    public WebhookOptions Webhook { get; set; } = new();
    public TelegramOptions Telegram { get; set; } = new();

    /// <summary>The hub's address as operators open it (https://hub.example.ru), for links in messages; none when empty.</summary>
    public string? HubUrl { get; set; }

    /// <summary>When the daily digest of what is still open goes out (cron, five fields), in <see cref="TimeZone"/>.</summary>
    public string DigestSchedule { get; set; } = "0 9 * * *";

    public string TimeZone { get; set; } = "Europe/Moscow";

    /// <summary>The waits before each retry of a message a channel did not take (no answer, 5xx, 429); after the last it is parked.</summary>
    public TimeSpan[] RetryDelays { get; set; } =
        [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30)];

    public int TimeoutSeconds { get; set; } = 15;

    public bool AnyChannel => Webhook.IsOn || Telegram.IsOn;

    public IEnumerable<NotificationChannel> Channels()
    {
        if (Webhook.IsOn) yield return NotificationChannel.Webhook;
        if (Telegram.IsOn) yield return NotificationChannel.Telegram;
    }
}

public sealed class WebhookOptions
{
    /// <summary>Where the JSON is POSTed.</summary>
    public string? Url { get; set; }

    /// <summary>The shared secret of the HMAC-SHA256 signature (X-Hub-Signature-256); never logged or shown.</summary>
    public string? Secret { get; set; }

    public bool IsOn => !string.IsNullOrWhiteSpace(Url);
}

public sealed class TelegramOptions
{
    /// <summary>The bot's token from @BotFather; never logged or shown.</summary>
    public string? BotToken { get; set; }

    /// <summary>The chat, group (-100…) or channel (@name) the bot writes to.</summary>
    public string? ChatId { get; set; }

    /// <summary>The Bot API's address; another one for a proxy or a local Bot API server.</summary>
    public string BaseUrl { get; set; } = "https://api.telegram.org";

    public bool IsOn => !string.IsNullOrWhiteSpace(BotToken) && !string.IsNullOrWhiteSpace(ChatId);
}

public enum NotificationChannel { Webhook, Telegram }
