using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Hub.Outbox.Notifications;

/// <summary>
/// Which channels are on, as the Health page and /health/ready show them: the webhook by its host only (a URL may carry a
/// token in its path), Telegram by its chat; the secret and the bot token only as "set" — never their values.
/// Degraded when the webhook has no secret, since its receiver cannot then tell the hub's calls from anyone's.
/// </summary>
public sealed class NotificationsHealthCheck(NotificationOptions options) : IHealthCheck
{
    public const string Masked = "*** (set)";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>
        {
            ["webhook"] = options.Webhook.IsOn ? HostOf(options.Webhook.Url!) : "off",
            ["webhook_secret"] = options.Webhook.IsOn ? (string.IsNullOrEmpty(options.Webhook.Secret) ? "missing" : Masked) : "off",
            ["telegram"] = options.Telegram.IsOn ? $"chat {options.Telegram.ChatId} via {HostOf(options.Telegram.BaseUrl)}" : "off",
            ["telegram_bot_token"] = string.IsNullOrEmpty(options.Telegram.BotToken) ? "off" : Masked,
            ["digest"] = $"{options.DigestSchedule} ({options.TimeZone})",
        };
        if (!options.AnyChannel)
            return Task.FromResult(HealthCheckResult.Healthy("no channel configured (Notifications:Webhook, Notifications:Telegram)", data));
        if (options.Webhook.IsOn && string.IsNullOrEmpty(options.Webhook.Secret))
            return Task.FromResult(HealthCheckResult.Degraded("the webhook is sent unsigned: set Notifications:Webhook:Secret", data: data));
        return Task.FromResult(HealthCheckResult.Healthy(string.Join(", ", options.Channels()), data));
    }

    private static string HostOf(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? $"{uri.Scheme}://{uri.Authority}/…" : "(not a URL)";
}
