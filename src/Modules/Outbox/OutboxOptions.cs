namespace Hub.Outbox;

/// <summary>Section "Outbox".</summary>
public sealed class OutboxOptions
{
    /// <summary>
    /// The waits before each retry of an order that failed transiently; after the last one it is parked.
    /// The default rides out about four hours of an external system being down ("the order is eventually created").
    /// </summary>
    public TimeSpan[] RetryDelays { get; set; } =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10),
        TimeSpan.FromMinutes(30), TimeSpan.FromHours(1), TimeSpan.FromHours(2),
    ];
}
