using Marten.Schema;

namespace Hub.Outbox.Notifications;

/// <summary>
/// What the channels were told about one run, keyed by the run: its existence is the durable "already notified" that keeps
/// a run to one message however many of its orders park, and the digest reads the failures it records.
/// </summary>
public sealed class RunNotification
{
    /// <summary>The run's id.</summary>
    public Guid Id { get; set; }

    /// <summary>What the one message was about: order_parked, run_failed, run_completed_with_failures.</summary>
    public string Event { get; set; } = "";

    public DateTimeOffset NotifiedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The run's outcome as last reported; null while it has not ended.</summary>
    public string? Outcome { get; set; }

    public int FailedOrders { get; set; }
    public string? Error { get; set; }
    public List<NotifiedOrder> ParkedOrders { get; set; } = [];

    public static void ConfigureMarten(DocumentMapping<RunNotification> map)
    {
        map.Alias = "notification_run";
        // Several nodes may record one run's parked orders at once; a lost update becomes a retry on the fresh document.
        map.UseOptimisticConcurrency = true;
        map.DuplicateField([typeof(RunNotification).GetProperty(nameof(UpdatedAt))!], "timestamptz", "updated_at", notNull: true);
    }
}

public sealed record NotifiedOrder(Guid OrderId, string System, string Reason, DateTimeOffset At);
