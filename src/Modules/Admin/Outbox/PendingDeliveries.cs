using System.Text;
using Hub.Admin.Runs;
using Hub.Admin.Shell;

namespace Hub.Admin.Outbox;

/// <summary>Orders still on their way: retrying after a transient failure, or replayed from the dead letters. Newest first, at most a page.</summary>
public static class PendingDeliveries
{
    public const int Limit = 200;

    /// <param name="actions">The buttons beside an order waiting for a retry (an operator's); null shows none.</param>
    public static string Table(IReadOnlyList<PendingOrder> pending, Func<PendingOrder, string>? actions = null)
    {
        if (pending.Count == 0) return $"<h2>{Shown.W("Pending")}</h2><div class=\"notice\" id=\"no-pending\">{Shown.W("Nothing is waiting to be sent.")}</div>";
        var rows = new StringBuilder();
        foreach (var d in pending)
            rows.Append($"""
                <tr class="pending" data-id="{d.Id}"><td>{Shown.At(d.UpdatedAt)}</td><td data-system="{Html.E(d.ExternalSystem)}">{Html.E(Shown.System(d.ExternalSystem))}</td><td>{Html.E(Shown.Message(d.MessageType))}</td><td>{OutboxView.Describe(d.Order, d.Description)}</td>
                <td class="state-{Html.E(d.State)}">{Html.E(Shown.State(d.State))}</td><td class="num">{Shown.N(d.Attempts)}</td><td>{Shown.At(d.NextAttemptAt)}</td><td>{OrderReasons.Render(d.ReasonParts, d.Reason)}</td><td><a href="/admin/runs/{d.RunId}">{Shown.W("run")}</a></td>
                <td>{(d.State == "Retrying" && actions is not null ? actions(d) : "")}</td></tr>
                """);
        return $"""
            <h2>{Shown.W("Pending")} ({Shown.N(pending.Count)}{(pending.Count == Limit ? "+" : "")})</h2>
            <table id="pending"><thead><tr><th>{Shown.Say("Updated ({0})", AdminClock.Label)}</th><th>{Shown.W("System")}</th><th>{Shown.W("Message")}</th><th>{Shown.W("Order")}</th><th>{Shown.W("State")}</th><th class="num">{Shown.W("Attempts")}</th><th>{Shown.Say("Next attempt ({0})", AdminClock.Label)}</th><th>{Shown.W("Last reason")}</th><th>{Shown.W("Run")}</th><th></th></tr></thead>
            <tbody>{rows}</tbody></table>
            """;
    }
}
