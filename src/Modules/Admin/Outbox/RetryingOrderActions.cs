using FastEndpoints;
using Hub.Admin.Shell;
using Hub.Contracts.Security;
using Microsoft.AspNetCore.Http;

namespace Hub.Admin.Outbox;

/// <summary>"Send now" and "Cancel" beside an order waiting for its retry, on its run's page and on the Outbox page.</summary>
public static class RetryingOrderActions
{
    /// <summary>The two buttons; <paramref name="runId"/> brings the operator back to the run's page, else to the Outbox page.</summary>
    public static string Forms(HttpContext context, Guid orderId, Guid? runId)
    {
        var back = runId is { } run ? $"<input type=\"hidden\" name=\"run_id\" value=\"{run}\">" : "";
        string Form(string action, string label, string confirm) => $"""
            <form method="post" action="/admin/orders/{orderId}/{action}" class="inline" data-confirm="{Html.E(AdminText.T(confirm))}">{AdminForms.HiddenField(context)}{back}<button type="submit" class="{action}">{Html.E(AdminText.T(label))}</button></form>
            """;
        return Form("send-now", "Send now", "Try this order now instead of at its next attempt?") + " " +
               Form("cancel", "Cancel", "Cancel this order? It will not be sent, and its run counts it as failed.");
    }

    /// <summary>The outcome as it comes back in the URL (a word, never text to print) and the sentence the page shows for it.</summary>
    public static string Notice(string? word) => word switch
    {
        "sent_now" => Box("The order will be tried within seconds."),
        "cancelled" => Box("The order is cancelled and will not be sent."),
        "being_tried" => Box("The order is being tried right now; look at it again in a moment."),
        "not_retrying" => Box("The order is no longer waiting for a retry; nothing was changed."),
        "not_found" => Box("No such order; nothing was changed."),
        _ => "",
    };

    private static string Box(string text) => $"<div class=\"notice\" role=\"status\" id=\"order-done\">{Html.E(AdminText.T(text))}</div>";

    public static string Word(RetryingOrderAnswer answer, bool sendNow) => answer.Outcome switch
    {
        "Done" => sendNow ? "sent_now" : "cancelled",
        "BeingTried" => "being_tried",
        "NotFound" => "not_found",
        _ => "not_retrying",
    };
}

/// <summary>POST /admin/orders/{id}/send-now|cancel: an operator's word on a retrying order, then back to the page it came from.</summary>
public sealed class RetryingOrderPageEndpoint(IOutbox outbox) : EndpointWithoutRequest
{
    public override void Configure()
    {
        Post("/admin/orders/{id:guid}/send-now", "/admin/orders/{id:guid}/cancel");
        Group<AdminPages>();
        Roles(HubRoles.Operator);
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var form = await AdminForms.ReadAsync(HttpContext, ct);
        if (form is null) return;
        var sendNow = HttpContext.Request.Path.Value!.EndsWith("/send-now", StringComparison.Ordinal);
        var answer = await outbox.ActOnRetryingAsync(Route<Guid>("id"), sendNow, User.Identity?.Name ?? "an operator", ct);
        var word = RetryingOrderActions.Word(answer, sendNow);
        // Back only to a page of this hub: a run's page by its id, else the Outbox page.
        await Send.RedirectAsync(Guid.TryParse(form["run_id"], out var run) ? $"/admin/runs/{run}?order_done={word}" : $"/admin/outbox?order_done={word}");
    }
}
