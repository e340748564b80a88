using FastEndpoints;
using Hub.Contracts.Security;
using Microsoft.AspNetCore.Http;
using Wolverine;

namespace Hub.Replenishment.ConfirmPlan;

public sealed class ConfirmRunRequest
{
    public Guid Id { get; set; }
}

/// <summary>POST /api/v1/runs/{id}/confirm and /decline: the answer to a plan that waits for a person's yes.</summary>
public sealed class ConfirmRunEndpoint(IMessageBus bus) : Endpoint<ConfirmRunRequest, ConfirmRunResult>
{
    public const string NotAwaiting = "https://integration-hub.local/problems/run-not-awaiting-confirmation";

    public override void Configure()
    {
        Post("/api/v1/runs/{id:guid}/confirm", "/api/v1/runs/{id:guid}/decline");
        Roles(HubRoles.Operator);
        // Nothing is read from the body: `curl -X POST` with no content type is answered, not refused with a 415.
        Description(d => d.WithTags("Replenishment").ClearDefaultAccepts().Accepts<ConfirmRunRequest>("application/json", "*/*")
            .ProducesProblemDetails(StatusCodes.Status404NotFound).ProducesProblemDetails(StatusCodes.Status409Conflict));
        Summary(s =>
        {
            s.Summary = "Send (confirm) or drop (decline) the orders of a run waiting for a confirmation";
            s.Description = "A run started from the admin or the command line without a yes beforehand waits in AwaitingConfirmation when its plan " +
                            "orders more for shelves with goods already on their way (the decisions with on_its_way > 0). confirm queues its orders; " +
                            "decline ends it Planned with nothing sent; unanswered, it declines itself after an hour. 409 when the run is not waiting.";
        });
    }

    public override async Task HandleAsync(ConfirmRunRequest req, CancellationToken ct)
    {
        var send = HttpContext.Request.Path.Value!.EndsWith("/confirm", StringComparison.Ordinal);
        var result = await bus.InvokeAsync<ConfirmRunResult>(new ConfirmRun(req.Id, send, User.Identity?.Name ?? "an operator"), ct);
        switch (result.Outcome)
        {
            case ConfirmRunOutcome.NotFound:
                await Send.ResultAsync(TypedResults.Problem(detail: result.Detail, statusCode: StatusCodes.Status404NotFound, title: "No such run"));
                break;
            case ConfirmRunOutcome.NotAwaiting:
                await Send.ResultAsync(TypedResults.Problem(detail: result.Detail, statusCode: StatusCodes.Status409Conflict, type: NotAwaiting,
                    title: "The run is not waiting for a confirmation", extensions: new Dictionary<string, object?> { ["status"] = result.Status?.ToString() }));
                break;
            default:
                await Send.OkAsync(result, ct);
                break;
        }
    }
}
