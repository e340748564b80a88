using System.Text;
using Hub.Admin.Shell;

namespace Hub.Admin.Outbox;

/// <summary>Orders still on their way: retrying after a transient failure, or replayed from the dead letters. Newest first, at most a page.</summary>
public static class PendingDeliveries
{
    public const int Limit = 200;

    /// <param name="actions">The buttons beside an order waiting for a retry (an operator's); null shows none.</param>
    public static string Table(IReadOnlyList<PendingOrder> pending, Func<PendingOrder, string>? actions = null)
    {
        if (pending.Count == 0) return "<h2>Pending</h2><div class=\"notice\" id=\"no-pending\">Nothing is waiting to be sent.</div>";
        var rows = new StringBuilder();
        foreach (var d in pending)
            rows.Append($"""
                <tr class="pending" data-id="{d.Id}"><td>{Html.E(d.UpdatedAt)}</td><td>{Html.E(d.ExternalSystem)}</td><td>{Html.E(d.MessageType)}</td><td>{Html.E(d.Description)}</td>
                <td>{Html.E(d.State)}</td><td>{d.Attempts}</td><td>{Html.E(d.NextAttemptAt)}</td><td>{Html.E(d.Reason)}</td><td><a href="/admin/runs/{d.RunId}">run</a></td>
                <td>{(d.State == "Retrying" && actions is not null ? actions(d) : "")}</td></tr>
                """);
        return $"""
            <h2>Pending ({pending.Count}{(pending.Count == Limit ? "+" : "")})</h2>
            <table id="pending"><thead><tr><th>Updated ({AdminClock.Label})</th><th>System</th><th>Message</th><th>Order</th><th>State</th><th>Attempts</th><th>Next attempt ({AdminClock.Label})</th><th>Last reason</th><th>Run</th><th></th></tr></thead>
            <tbody>{rows}</tbody></table>
            """;
    }
}
