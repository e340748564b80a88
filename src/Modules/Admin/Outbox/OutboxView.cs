using System.Text;
using Hub.Admin.Runs;
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

    /// <summary>The outcome of a replay or discard, from the word and number the redirect carried.</summary>
    public static string Done(string verb, int count) =>
        $"<div class=\"notice\" role=\"status\" id=\"done\">{Shown.SayHtml(verb == "replayed" ? "{0} parked order(s) replayed." : "{0} parked order(s) discarded.", Shown.N(count))}</div>";

    /// <summary>An order as a person says it, from its parts in the reader's language; the stored description for an order without them. Encoded.</summary>
    public static string Describe(OrderParts? order, string description) => order switch
    {
        null => Html.E(description),
        { Kind: OrderKind.Transfer } o => Shown.SayHtml("Transfer order {0} → {1}, {2} lines", Html.E(o.DonorName), Html.E(o.RecipientName), Shown.N(o.Lines)),
        var o => Shown.SayHtml("Customer order for {0}, {1} lines", Html.E(o.RecipientName), Shown.N(o.Lines)),
    };

    public static string Filters(OutboxQuery q, IReadOnlyList<string> systems) => $"""
        <form method="get" action="/admin/outbox" class="filters">
        <label>{Shown.W("System")} <select name="system">{Html.Option("", AdminText.T("any"), q.System)}{string.Concat(systems.Select(s => Html.Option(s, Shown.System(s), q.System)))}</select></label>
        <label>{Shown.W("Exception type")} <input name="exception_type" value="{Html.E(q.ExceptionType)}" size="28"></label>
        <label>{Shown.W("Run id")} <input name="run_id" value="{Html.E(q.RunId)}" size="36"></label>
        <label>{Shown.Say("Parked from ({0})", AdminClock.Label)} <input name="from" value="{Html.E(q.From)}" size="17" placeholder="{Shown.W("e.g. 2026-11-23 09:00")}"></label>
        <label>{Shown.W("to")} <input name="to" value="{Html.E(q.To)}" size="17"></label>
        <button type="submit">{Shown.W("Show")}</button> <a href="/admin/outbox">{Shown.W("Clear")}</a>
        </form>
        """;

    /// <summary>Acting on everything the filter matches, with the count in the button and a confirmation before it goes.</summary>
    public static string BulkActions(HttpContext context, OutboxQuery q, int matched)
    {
        if (matched == 0) return "";
        var scope = Shown.W(q.IsEmpty ? "every parked order" : "every parked order matching this filter");
        string Form(string action, string question, string button) => $"""
            <form method="post" action="/admin/outbox/{action}" class="inline" data-confirm="{Shown.SayHtml(question, Shown.N(matched))}">
            {AdminForms.HiddenField(context)}{q.HiddenFields()}<button type="submit" id="{action}-all">{Shown.SayHtml(button, Shown.N(matched))}</button></form>
            """;
        return $"<p class=\"notice\">{Shown.SayHtml("Matched: {0}, {1}.", Shown.N(matched), scope)} " +
               $"{Form("replay", "Replay {0} parked order(s)?", "Replay all {0}")} {Form("discard", "Discard {0} parked order(s)?", "Discard all {0}")}</p>";
    }

    public static string Table(HttpContext context, DeadLettersPage page, bool canOperate)
    {
        if (page.Items.Count == 0) return $"<div class=\"notice\" id=\"empty\">{Shown.W("No parked orders match these filters.")}</div>";
        var rows = new StringBuilder();
        foreach (var d in page.Items)
        {
            string Act(string action, string label, string question) => $"""
                <form method="post" action="/admin/outbox/{action}" class="inline" data-confirm="{Shown.W(question)}">{AdminForms.HiddenField(context)}<input type="hidden" name="ids" value="{d.Id}"><button type="submit">{Shown.W(label)}</button></form>
                """;
            rows.Append($"""
                <tr class="dead-letter" data-id="{d.Id}"><td>{Shown.At(d.ParkedAt)}</td><td data-system="{Html.E(d.ExternalSystem)}">{Html.E(Shown.System(d.ExternalSystem))}</td><td>{Html.E(Shown.Message(d.MessageType))}</td><td>{OutboxView.Describe(d.Order, d.Description)}</td>
                <td class="num">{Shown.N(d.Attempts)}</td><td>{Html.E(d.ExceptionType)}</td><td>{OrderReasons.Render(d.ReasonParts, d.Reason)}</td><td><a href="/admin/runs/{d.RunId}">{Shown.W("run")}</a></td>
                <td>{(canOperate ? Act("replay", "Replay", "Replay this order?") + " " + Act("discard", "Discard", "Discard this order?") : "")}</td></tr>
                """);
        }
        var more = page.Next is null ? "" : $"<p class=\"muted\">{Shown.W("More parked orders are older than these; narrow the filter to see them.")}</p>";
        return $"""
            <table id="dead-letters"><thead><tr><th>{Shown.Say("Parked ({0})", AdminClock.Label)}</th><th>{Shown.W("System")}</th><th>{Shown.W("Message")}</th><th>{Shown.W("Order")}</th><th class="num">{Shown.W("Attempts")}</th><th>{Shown.W("Exception")}</th><th>{Shown.W("Reason")}</th><th>{Shown.W("Run")}</th><th></th></tr></thead>
            <tbody>{rows}</tbody></table>{more}
            """;
    }
}
