using System.Globalization;
using Hub.Admin.Shell;

namespace Hub.Admin.Runs;

/// <summary>
/// A timeline event's line in the reader's language, from the values its entry keeps beside the English text; an entry
/// without them (an error, a note, an event recorded before) shows its text, a fixed phrase translated.
/// </summary>
public static class TimelineLines
{
    /// <summary>The line as HTML, encoded.</summary>
    public static string Render(TimelineEntry e, WarehouseList? warehouses = null)
    {
        var v = e.Values;
        if (v.Count == 0) return Html.E(AdminText.T(e.Text));
        string S(int i) => i < v.Count ? v[i] : "";
        string Text(int i) => Html.E(S(i));
        // A person's name, or the planner's own word for nobody, translated.
        string Who(int i) => Html.E(AdminText.T(S(i)));
        string N(int i) => decimal.TryParse(S(i), NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? Shown.N(n) : Text(i);
        string At(int i) => DateTimeOffset.TryParse(S(i), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var t) ? $"{Shown.At(t)} {Html.E(AdminClock.Label)}" : Text(i);
        string Say(string key, params string[] safe) => Shown.SayHtml(key, safe);
        return e.Event switch
        {
            "requested" => Say(S(2) == "true" ? "requested: {0}, {1}, dry run" : "requested: {0}, {1}",
                Html.E(Enum.TryParse<RunTrigger>(S(0), out var trigger) ? Shown.Trigger(trigger) : S(0)), Html.E(RunsView.ScopeName(S(1), warehouses))),
            "planned" => Say("{0} deficits, {1} orders; read {2} ms, planned {3} ms", N(0), N(1), N(2), N(3)),
            "dispatched" => Say("every order tried once; {0} still retrying, the scope is free for new runs", N(0)),
            "finished" => Say("{0}: {1} sent, {2} failed", Html.E(Shown.Status(S(0))), N(1), N(2)),
            "awaiting_confirmation" => Say("the plan orders more for {0} shelves with goods already on their way; nothing is sent until a person confirms (gives up at {1})", N(0), At(1)),
            "confirmed" => Say("confirmed by {0}: the planned orders are queued", Who(0)),
            "declined" => Say("declined by {0}: nothing sent", Who(0)),
            "order_queued" => S(0) == nameof(OrderKind.Transfer)
                ? Say("transfer order {0} → {1}, {2} lines, queued for 1C", Text(1), Text(2), N(3))
                : Say("customer order for {0}, {1} lines, queued for МойСклад", Text(2), N(3)),
            "order_retrying" => Say("attempt {0} failed ({1}: {2}); next attempt at {3}", N(0), Text(1), Text(2), At(3)),
            // The note is the Outbox's fixed phrase for a document found by the hub's marker.
            "order_sent" => S(2).Length == 0 ? Say("attempt {0}: created {1}", N(0), Text(1)) : Say("attempt {0}: created {1} ({2})", N(0), Text(1), Html.E(AdminText.T(S(2)))),
            "order_parked" => Say("attempt {0} failed for good ({1}: {2}); parked", N(0), Text(1), Text(2)),
            "order_replayed" => Say("replayed by {0}", Who(0)),
            "order_discarded" => Say("discarded by {0}", Who(0)),
            "order_sent_now" => Say("{0} asked for the next attempt now", Who(0)),
            "order_cancelled" => Say("cancelled by {0} while retrying; never sent", Who(0)),
            // What МойСклад answered about a customer order the hub sent: shipped in full, or deleted there.
            "order_shipped" => S(0) == "gone" ? Say("customer order {0} no longer exists in МойСклад", Text(1)) : Say("МойСклад shipped customer order {0} in full", Text(1)),
            _ => Html.E(AdminText.T(e.Text)),
        };
    }
}
