using Hub.Admin.Runs;
using Hub.Admin.Shell;

namespace Hub.Admin.Outbox;

/// <summary>
/// An order's reason in the reader's language: the operators' acts told from their parts, then the failure they followed in
/// the external system's own words; a reason without acts (a failure, a note) as it is, a fixed note translated. Encoded.
/// </summary>
public static class OrderReasons
{
    public static string Render(OrderReason? parts, string? reason)
    {
        // A fixed note of the Outbox's own (a 1C document found by the hub's marker) translated; a failure's words pass as they are.
        if (parts is null) return Html.E(AdminText.T(reason ?? ""));
        var told = Html.E(AdminText.T(parts.Cause));
        // Latest first in the parts; the sentence nests each earlier one inside the later.
        for (var i = parts.Acts.Count - 1; i >= 0; i--)
        {
            var act = parts.Acts[i];
            // A person's name as it is; the upgrade's word for an unnamed one translated.
            var who = Html.E(AdminText.T(act.By));
            told = act.Kind switch
            {
                OrderActKind.Replayed => Shown.SayHtml("replayed by {0} after: {1}", who, told),
                OrderActKind.Discarded => Shown.SayHtml("discarded by {0} after: {1}", who, told),
                OrderActKind.SentNow => Shown.SayHtml("sent now by {0} after: {1}", who, told),
                _ => Shown.SayHtml("cancelled by {0} while retrying after: {1}", who, told),
            };
        }
        return told;
    }
}
