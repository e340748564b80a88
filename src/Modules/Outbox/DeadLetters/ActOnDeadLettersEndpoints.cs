using FastEndpoints;
using Hub.Contracts.Security;
using Microsoft.AspNetCore.Http;
using Wolverine;

namespace Hub.Outbox.DeadLetters;

public sealed class ReplayDeadLettersEndpoint(IMessageBus bus) : Endpoint<ActOnDeadLettersRequest, DeadLetterActionResult>
{
    public override void Configure()
    {
        Post("/api/v1/dead-letters/replay");
        Roles(HubRoles.Operator);
        Description(d => d.WithTags("Outbox").ProducesProblemDetails());
        Summary(s => s.Summary = "Replay parked orders by ids or filter; with dry_run=true only the number that would be replayed is returned");
    }

    public override async Task HandleAsync(ActOnDeadLettersRequest req, CancellationToken ct) =>
        await Send.OkAsync(await bus.InvokeAsync<DeadLetterActionResult>(
            new ActOnDeadLetters(DeadLetterAction.Replay, req.ToFilter(req.Ids), req.DryRun), ct), ct);
}

public sealed class DiscardDeadLettersEndpoint(IMessageBus bus) : Endpoint<ActOnDeadLettersRequest, DeadLetterActionResult>
{
    public override void Configure()
    {
        Post("/api/v1/dead-letters/discard");
        Roles(HubRoles.Operator);
        Description(d => d.WithTags("Outbox").ProducesProblemDetails());
        Summary(s => s.Summary = "Discard parked orders by ids or filter; with dry_run=true only the number that would be discarded is returned");
    }

    public override async Task HandleAsync(ActOnDeadLettersRequest req, CancellationToken ct) =>
        await Send.OkAsync(await bus.InvokeAsync<DeadLetterActionResult>(
            new ActOnDeadLetters(DeadLetterAction.Discard, req.ToFilter(req.Ids), req.DryRun), ct), ct);
}
