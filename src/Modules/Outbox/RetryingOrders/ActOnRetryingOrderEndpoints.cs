using FastEndpoints;
using Hub.Contracts.Security;
using Microsoft.AspNetCore.Http;
using Wolverine;

namespace Hub.Outbox.RetryingOrders;

public sealed class RetryingOrderRequest
{
    public Guid Id { get; set; }
}

/// <summary>POST /api/v1/orders/{id}/send-now and /cancel: an operator's word on an order waiting for its next attempt.</summary>
public sealed class ActOnRetryingOrderEndpoint(IMessageBus bus) : Endpoint<RetryingOrderRequest, RetryingOrderResult>
{
    public const string NotRetrying = "https://integration-hub.local/problems/order-not-retrying";

    public override void Configure()
    {
        Post("/api/v1/orders/{id:guid}/send-now", "/api/v1/orders/{id:guid}/cancel");
        Roles(HubRoles.Operator);
        // Nothing is read from the body: `curl -X POST` with no content type is answered, not refused with a 415.
        Description(d => d.WithTags("Outbox").ClearDefaultAccepts().Accepts<RetryingOrderRequest>("application/json", "*/*")
            .ProducesProblemDetails(StatusCodes.Status404NotFound).ProducesProblemDetails(StatusCodes.Status409Conflict));
        Summary(s =>
        {
            s.Summary = "Send a retrying order now, or cancel it";
            s.Description = "send-now: the order's next attempt happens within seconds instead of at its scheduled time, its remaining retries stand. " +
                            "cancel: the order is never sent and its run counts it as failed. Only an order in state Retrying qualifies (409 otherwise, " +
                            "also while an attempt is in flight); a parked order is replayed or discarded through /api/v1/dead-letters.";
        });
    }

    public override async Task HandleAsync(RetryingOrderRequest req, CancellationToken ct)
    {
        var action = HttpContext.Request.Path.Value!.EndsWith("/cancel", StringComparison.Ordinal) ? RetryingOrderAction.Cancel : RetryingOrderAction.SendNow;
        var result = await bus.InvokeAsync<RetryingOrderResult>(new ActOnRetryingOrder(req.Id, action, User.Identity?.Name ?? "an operator"), ct);
        switch (result.Outcome)
        {
            case RetryingOrderOutcome.Done:
                await Send.OkAsync(result, ct);
                break;
            case RetryingOrderOutcome.NotFound:
                await Send.ResultAsync(TypedResults.Problem(detail: result.Detail, statusCode: StatusCodes.Status404NotFound, title: "No such order"));
                break;
            default:
                await Send.ResultAsync(TypedResults.Problem(detail: result.Detail, statusCode: StatusCodes.Status409Conflict, type: NotRetrying,
                    title: result.Outcome == RetryingOrderOutcome.BeingTried ? "The order is being tried right now" : "The order is not waiting for a retry",
                    extensions: new Dictionary<string, object?> { ["state"] = result.State }));
                break;
        }
    }
}
