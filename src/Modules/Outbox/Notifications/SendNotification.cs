namespace Hub.Outbox.Notifications;

/// <summary>
/// One message to one channel, carried by Wolverine's durable outbox like every external call: retried with backoff while
/// the channel does not answer, parked when it refuses. It carries no secret; the sender reads them from the settings.
/// </summary>
public sealed record SendNotification(Guid Id, NotificationChannel Channel, NotificationBody Body);

/// <summary>The webhook's JSON (snake_case), and the text Telegram shows.</summary>
public sealed record NotificationBody(
    string Event,
    DateTimeOffset At,
    string Text,
    Guid? RunId = null,
    string? Outcome = null,
    int FailedOrders = 0,
    string? Error = null,
    IReadOnlyList<NotifiedOrder>? Orders = null,
    string? Url = null,
    DigestCounts? Digest = null);

/// <summary>What the digest counts: parked orders by system, and the runs that failed since the day before.</summary>
public sealed record DigestCounts(int ParkedOrders, IReadOnlyDictionary<string, int> ParkedBySystem, int FailedRuns, IReadOnlyList<Guid> FailedRunIds);

public static class NotificationEvents
{
    public const string OrderParked = "order_parked";
    public const string RunFailed = "run_failed";
    public const string RunCompletedWithFailures = "run_completed_with_failures";
    public const string Digest = "digest";
}
