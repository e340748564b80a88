using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Hub.Contracts.Logging;

namespace Hub.Outbox.Notifications;

/// <summary>A channel did not take a message: <see cref="IsTransient"/> when trying again later may help (no answer, 5xx, 429).</summary>
public sealed class NotificationFailedException(string message, bool isTransient) : Exception(message)
{
    public bool IsTransient { get; } = isTransient;
}

/// <summary>
/// Posts one message to its channel. The webhook gets the JSON body signed with the shared secret
/// (X-Hub-Signature-256: sha256=HMAC-SHA256(secret, "{timestamp}.{body}") in hex, X-Hub-Timestamp in Unix seconds, so a
/// receiver can refuse a replayed or altered call); Telegram gets the text through the Bot API's sendMessage.
/// The bot token is in Telegram's URL, so nothing here logs a URL, and the HTTP client logs nothing at all.
/// </summary>
public sealed class NotificationSender(IHttpClientFactory clients, NotificationOptions options, TimeProvider clock, IIntegrationLogWriter logs)
{
    public const string ClientName = "notifications";
    public const string Process = "notifications";
    public const string SignatureHeader = "X-Hub-Signature-256";
    public const string TimestampHeader = "X-Hub-Timestamp";
    public const string EventHeader = "X-Hub-Event";
    public const string DeliveryHeader = "X-Hub-Delivery";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The signature of a webhook call, as the receiver recomputes it.</summary>
    public static string Sign(string secret, string timestamp, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));

    public async Task SendAsync(SendNotification message, int attempt, CancellationToken ct)
    {
        var client = clients.CreateClient(ClientName);
        using var request = message.Channel switch
        {
            NotificationChannel.Webhook => Webhook(message),
            NotificationChannel.Telegram => Telegram(message),
            _ => throw new NotificationFailedException($"unknown channel {message.Channel}", isTransient: false),
        };
        var started = clock.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            Log(message, attempt, LogLevels.Warning, "retrying", $"no answer: {ex.Message}", null, started);
            throw new NotificationFailedException($"{message.Channel} did not answer: {ex.Message}", isTransient: true);
        }
        using (response)
        {
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                Log(message, attempt, LogLevels.Info, "success", "sent", status, started);
                return;
            }
            var answer = await response.Content.ReadAsStringAsync(ct);
            answer = answer.Length > 300 ? answer[..300] : answer;
            var transient = status >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests || response.StatusCode == HttpStatusCode.RequestTimeout;
            Log(message, attempt, transient ? LogLevels.Warning : LogLevels.Error, transient ? "retrying" : "failed", $"answered {status}: {answer}", status, started);
            throw new NotificationFailedException($"{message.Channel} answered {status}: {answer}", transient);
        }
    }

    private HttpRequestMessage Webhook(SendNotification message)
    {
        var body = JsonSerializer.Serialize(message.Body, Json);
        var request = new HttpRequestMessage(HttpMethod.Post, options.Webhook.Url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        request.Headers.Add(TimestampHeader, timestamp);
        request.Headers.Add(EventHeader, message.Body.Event);
        request.Headers.Add(DeliveryHeader, message.Id.ToString());
        if (!string.IsNullOrEmpty(options.Webhook.Secret)) request.Headers.Add(SignatureHeader, Sign(options.Webhook.Secret, timestamp, body));
        return request;
    }

    private HttpRequestMessage Telegram(SendNotification message) =>
        new(HttpMethod.Post, $"{options.Telegram.BaseUrl.TrimEnd('/')}/bot{options.Telegram.BotToken}/sendMessage")
        {
            Content = JsonContent.Create(new { chat_id = options.Telegram.ChatId, text = message.Body.Text, disable_web_page_preview = true }),
        };

    /// <summary>One integration log per attempt, under the run it is about; the channel is named, its address and secrets are not.</summary>
    private void Log(SendNotification message, int attempt, string level, string status, string text, int? httpStatus, long started) =>
        logs.Write(new LogEntry
        {
            ProcessName = Process, Step = message.Body.Event, Action = "send_" + message.Channel.ToString().ToLowerInvariant(),
            ExternalSystem = message.Channel.ToString().ToLowerInvariant(), Level = level, Status = status,
            Message = $"{message.Channel} notification ({message.Body.Event}) {text}", RunId = message.Body.RunId?.ToString(),
            RequestId = message.Id.ToString(), RetryCount = Math.Max(attempt - 1, 0), ErrorCode = httpStatus?.ToString(CultureInfo.InvariantCulture),
            ElapsedMs = (long)clock.GetElapsedTime(started).TotalMilliseconds,
        });
}
