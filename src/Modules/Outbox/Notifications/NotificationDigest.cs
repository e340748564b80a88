using Hub.Contracts.Notifications;
using Hub.Contracts.Replenishment;
using Hub.Contracts.Scheduling;
using Hub.Outbox.Deliveries;
using Marten;
using Microsoft.Extensions.Logging;
using Wolverine;

namespace Hub.Outbox.Notifications;

/// <summary>One occurrence of the daily digest; the occurrence keeps two firings apart.</summary>
public sealed record NotificationDigest(DateTimeOffset Occurrence)
{
    public const string ScheduleName = "notification-digest";
}

/// <summary>What is still open at the digest's hour, to every channel: the parked orders, and the runs that failed in the last day.</summary>
public static class NotificationDigestHandler
{
    public sealed record Open(IReadOnlyList<NotifiedOrder> Parked, IReadOnlyList<RunNotification> FailedRuns);

    public static async Task<Open> LoadAsync(NotificationDigest digest, IQuerySession session, CancellationToken ct)
    {
        // The parked orders are the Outbox's own deliveries (what the Outbox page lists), so a replayed or discarded one drops out.
        var parked = await session.Query<Delivery>().Where(d => d.State == DeliveryState.Parked).OrderBy(d => d.UpdatedAt).Take(500).ToListAsync(ct);
        var since = digest.Occurrence.AddDays(-1);
        var runs = await session.Query<RunNotification>()
            .Where(r => r.UpdatedAt >= since && (r.Outcome == RunOutcomes.Failed || r.Outcome == RunOutcomes.CompletedWithFailures))
            .OrderBy(r => r.UpdatedAt).Take(100).ToListAsync(ct);
        return new Open(parked.Select(d => new NotifiedOrder(d.Id, d.ExternalSystem, d.Reason ?? "", d.UpdatedAt)).ToArray(), runs);
    }

    public static OutgoingMessages Handle(NotificationDigest digest, Open open, NotificationOptions options, TimeProvider clock, ILogger<NotificationDigest> logger)
    {
        var messages = new OutgoingMessages();
        if (open.Parked.Count == 0 && open.FailedRuns.Count == 0)
        {
            logger.LogInformation("Digest of {Occurrence:u}: nothing is open, nothing sent", digest.Occurrence);
            messages.Add(new ScheduleOccurred(NotificationDigest.ScheduleName, digest.Occurrence, ScheduleOutcomes.Done, "nothing open, nothing sent", null, clock.GetUtcNow()));
            return messages;
        }
        var body = NotificationText.ForDigest(digest.Occurrence, TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone), open.Parked, open.FailedRuns, options.HubUrl);
        foreach (var channel in options.Channels())
            messages.Add(new SendNotification(Guid.CreateVersion7(), channel, body));
        var detail = $"{open.Parked.Count} parked order(s), {open.FailedRuns.Count} failed run(s), sent to {messages.Count} channel(s)";
        logger.LogInformation("Digest of {Occurrence:u}: {Detail}", digest.Occurrence, detail);
        messages.Add(new ScheduleOccurred(NotificationDigest.ScheduleName, digest.Occurrence, ScheduleOutcomes.Done, detail, null, clock.GetUtcNow()));
        return messages;
    }
}
