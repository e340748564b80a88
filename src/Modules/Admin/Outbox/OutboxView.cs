using System.Text;
using Hub.Admin.Shell;
using Microsoft.AspNetCore.Http;

namespace Hub.Admin.Outbox;

/// <summary>The Outbox page as functions of data to HTML; every value goes through <see cref="Html.E"/>.</summary>
public static class OutboxView
{
    /// <summary>How many orders wait for an operator and for a retry, across every filter.</summary>
    public static string Lead(int parked, int retrying) =>
        $"<p class=\"{(parked > 0 ? "notice" : "muted")}\" id=\"outbox-lead\">{Html.E(string.Format(System.Globalization.CultureInfo.InvariantCulture,
            AdminText.T("{0} parked order(s) waiting for an operator, {1} waiting for a retry."), parked, retrying))}</p>";

    public static string Filters(OutboxQuery q, IReadOnlyList<string> systems) => $"""
        <form method="get" action="/admin/outbox" class="filters">
        <label>System <select name="system">{Html.Option("", "any", q.System)}{string.Concat(systems.Select(s => Html.Option(s, s, q.System)))}</select></label>
        <label>Exception type <input name="exception_type" value="{Html.E(q.ExceptionType)}" size="28"></label>
        <label>Run id <input name="run_id" value="{Html.E(q.RunId)}" size="36"></label>
        <label>Parked from ({AdminClock.Label}) <input name="from" value="{Html.E(q.From)}" size="17"></label>
        <label>to <input name="to" value="{Html.E(q.To)}" size="17"></label>
        <button type="submit">Show</button> <a href="/admin/outbox">Clear</a>
        </form>
        """;

    /// <summary>Acting on everything the filter matches, with the count in the button and a confirmation before it goes.</summary>
    public static string BulkActions(HttpContext context, OutboxQuery q, int matched)
    {
        if (matched == 0) return "";
        var scope = q.IsEmpty ? "every parked order" : "every parked order matching this filter";
        string Form(string action, string label) => $"""
            <form method="post" action="/admin/outbox/{action}" class="inline" data-confirm="{Html.E(label)} {matched} parked order(s)?">
            {AdminForms.HiddenField(context)}{q.HiddenFields()}<button type="submit" id="{action}-all">{Html.E(label)} all {matched}</button></form>
            """;
        return $"<p class=\"notice\">{matched} match{(matched == 1 ? "es" : "")}: {scope}. {Form("replay", "Replay")} {Form("discard", "Discard")}</p>";
    }

    public static string Table(HttpContext context, DeadLettersPage page, bool canOperate)
    {
        if (page.Items.Count == 0) return "<div class=\"notice\" id=\"empty\">No parked orders match these filters.</div>";
        var rows = new StringBuilder();
        foreach (var d in page.Items)
        {
            string Act(string action, string label) => $"""
                <form method="post" action="/admin/outbox/{action}" class="inline" data-confirm="{Html.E(label)} this order?">{AdminForms.HiddenField(context)}<input type="hidden" name="ids" value="{d.Id}"><button type="submit">{Html.E(label)}</button></form>
                """;
            rows.Append($"""
                <tr class="dead-letter" data-id="{d.Id}"><td>{Html.E(d.ParkedAt)}</td><td>{Html.E(d.ExternalSystem)}</td><td>{Html.E(d.MessageType)}</td><td>{Html.E(d.Description)}</td>
                <td>{d.Attempts}</td><td>{Html.E(d.ExceptionType)}</td><td>{Html.E(d.Reason)}</td><td><a href="/admin/runs/{d.RunId}">run</a></td>
                <td>{(canOperate ? Act("replay", "Replay") + " " + Act("discard", "Discard") : "")}</td></tr>
                """);
        }
        var more = page.Next is null ? "" : "<p class=\"muted\">More parked orders are older than these; narrow the filter to see them.</p>";
        return $"""
            <table id="dead-letters"><thead><tr><th>Parked ({AdminClock.Label})</th><th>System</th><th>Message</th><th>Order</th><th>Attempts</th><th>Exception</th><th>Reason</th><th>Run</th><th></th></tr></thead>
            <tbody>{rows}</tbody></table>{more}
            """;
    }
}
