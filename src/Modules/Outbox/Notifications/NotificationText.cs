using System.Globalization;
using System.Text;

namespace Hub.Outbox.Notifications;

/// <summary>The words of each message, built from what is known when it goes out; pure, so it is tested without a host.</summary>
public static class NotificationText
{
    /// <summary>Telegram refuses a text over 4096 characters; the rest is on the hub's pages.</summary>
    public const int MaxLength = 3900;

    public static NotificationBody ForRun(RunNotification run, string? hubUrl)
    {
        var url = Link(hubUrl, $"/admin/runs/{run.Id}");
        var text = new StringBuilder();
        switch (run.Event)
        {
            case NotificationEvents.RunFailed:
                text.Append(CultureInfo.InvariantCulture, $"Integration Hub: run {run.Id} failed: {run.Error ?? "no reason given"}");
                break;
            case NotificationEvents.RunCompletedWithFailures:
                text.Append(CultureInfo.InvariantCulture, $"Integration Hub: run {run.Id} ended with {run.FailedOrders} failed order(s)");
                break;
            default:
                text.Append(CultureInfo.InvariantCulture, $"Integration Hub: an order of run {run.Id} failed for good and is parked");
                break;
        }
        foreach (var order in run.ParkedOrders)
            text.Append(CultureInfo.InvariantCulture, $"\n• {SystemName(order.System)} order {order.OrderId}: {order.Reason}");
        if (run.ParkedOrders.Count > 0)
            text.Append("\nReplay or discard parked orders on the Outbox page once the cause is fixed; the daily digest lists what is still open.");
        if (url is not null) text.Append('\n').Append(url);
        return new NotificationBody(run.Event, run.NotifiedAt, Cut(text.ToString()), run.Id, run.Outcome, run.FailedOrders, run.Error,
            run.ParkedOrders, url);
    }

    public static NotificationBody ForDigest(DateTimeOffset occurrence, TimeZoneInfo zone, IReadOnlyList<NotifiedOrder> parked, IReadOnlyList<RunNotification> failedRuns,
        string? hubUrl)
    {
        var bySystem = parked.GroupBy(p => p.System).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count());
        var local = TimeZoneInfo.ConvertTime(occurrence, zone);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Integration Hub daily digest, {local:yyyy-MM-dd HH:mm} ({zone.Id})");
        text.Append(CultureInfo.InvariantCulture, $"\nParked orders waiting for an operator: {parked.Count}");
        if (bySystem.Count > 0) text.Append(" (").Append(string.Join(", ", bySystem.Select(s => $"{SystemName(s.Key)}: {s.Value}"))).Append(')');
        foreach (var order in parked.Take(20))
            text.Append(CultureInfo.InvariantCulture, $"\n• {SystemName(order.System)} order {order.OrderId} since {TimeZoneInfo.ConvertTime(order.At, zone):yyyy-MM-dd HH:mm}: {order.Reason}");
        if (parked.Count > 20) text.Append(CultureInfo.InvariantCulture, $"\n… and {parked.Count - 20} more on the Outbox page");
        text.Append(CultureInfo.InvariantCulture, $"\nRuns that failed or ended with failures in the last 24 hours: {failedRuns.Count}");
        foreach (var run in failedRuns.Take(20))
            text.Append(CultureInfo.InvariantCulture, $"\n• run {run.Id}: {run.Outcome}{(run.Error is null ? "" : ", " + run.Error)}");
        var url = Link(hubUrl, "/admin/outbox");
        if (url is not null) text.Append('\n').Append(url);
        return new NotificationBody(NotificationEvents.Digest, occurrence, Cut(text.ToString()), Orders: parked, Url: url,
            Digest: new DigestCounts(parked.Count, bySystem, failedRuns.Count, failedRuns.Select(r => r.Id).ToArray()));
    }

    public static string SystemName(string system) => system switch
    {
        "1c" => "1C",
        "moysklad" => "МойСклад",
        _ => system,
    };

    private static string? Link(string? hubUrl, string path) =>
        string.IsNullOrWhiteSpace(hubUrl) ? null : hubUrl.TrimEnd('/') + path;

    private static string Cut(string text) => text.Length <= MaxLength ? text : text[..(MaxLength - 1)] + "…";
}
