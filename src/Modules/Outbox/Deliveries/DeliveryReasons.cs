using System.Text.RegularExpressions;

namespace Hub.Outbox.Deliveries;

/// <summary>
/// The reason an operator's act leaves on an order ("cancelled by Анна while retrying after: 1С не отвечает"), written and
/// read back here in one place: the API keeps the English sentence, a page tells it from the parts <see cref="Parts"/> finds.
/// </summary>
public static partial class DeliveryReasons
{
    public static string Replayed(string by, string? after) => $"replayed by {by} after: {after}";
    public static string Discarded(string by, string? after) => $"discarded by {by} after: {after}";
    public static string SentNow(string by, string? after) => $"sent now by {by} after: {after}";
    public static string Cancelled(string by, string? after) => $"cancelled by {by} while retrying after: {after}";

    /// <summary>
    /// The acts a reason tells, latest first, and the failure they followed; null for a reason no operator's act wrote (a
    /// failure's own words, a note), which a page shows as it is. Reads what the writers above write, and what orders
    /// stored before kept (the same sentences).
    /// </summary>
    public static OrderReason? Parts(string? reason)
    {
        if (reason is null) return null;
        var acts = new List<OrderAct>();
        var rest = reason;
        while (Act().Match(rest) is { Success: true } m)
        {
            var kind = m.Groups["kind"].Value switch
            {
                "replayed" => OrderActKind.Replayed,
                "discarded" => OrderActKind.Discarded,
                "sent now" => OrderActKind.SentNow,
                _ => OrderActKind.Cancelled,
            };
            acts.Add(new OrderAct(kind, m.Groups["by"].Value));
            rest = rest[m.Length..];
        }
        return acts.Count == 0 ? null : new OrderReason(acts, rest);
    }

    // "while retrying" belongs to a cancel only; the name is the shortest that the sentence's fixed words follow.
    [GeneratedRegex("^(?:(?<kind>replayed|discarded|sent now) by (?<by>.+?) after: |(?<kind>cancelled) by (?<by>.+?) while retrying after: )", RegexOptions.Singleline)]
    private static partial Regex Act();
}
