using System.Text.Json;
using FastEndpoints;
using Hub.Contracts.Security;
using Hub.Outbox.Deliveries;
using Marten;
using Microsoft.AspNetCore.Http;
using Wolverine;
using Wolverine.Runtime;

namespace Hub.Outbox.DeadLetters;

public sealed class GetDeadLetterRequest
{
    public Guid Id { get; set; }
}

/// <summary>A parked order in full: the delivery, the message as it will be replayed, and Wolverine's record of the failure.</summary>
public sealed record DeadLetterDetail(DeadLetterSummary Delivery, object? Message, string? WolverineExceptionType, string? WolverineExceptionMessage,
    DateTimeOffset? SentAt, bool InWolverineDeadLetters, bool Replayable);

public sealed record GetDeadLetter(Guid Id);

/// <summary>Reads the delivery and, by its envelope id, the dead letter Wolverine keeps.</summary>
public static class GetDeadLetterHandler
{
    public static async Task<DeadLetterDetail?> Handle(GetDeadLetter query, IQuerySession session, IWolverineRuntime runtime, CancellationToken ct)
    {
        var delivery = await session.LoadAsync<Delivery>(query.Id, ct);
        if (delivery is null) return null;
        var letter = delivery.EnvelopeId is { } envelopeId ? await runtime.Storage.DeadLetters.DeadLetterEnvelopeByIdAsync(envelopeId) : null;
        return new DeadLetterDetail(ListDeadLettersHandler.Summarise(delivery), letter?.Message ?? letter?.Envelope.Message,
            letter?.ExceptionType, letter?.ExceptionMessage, letter?.SentAt, letter is not null, letter?.Replayable ?? false);
    }
}

public sealed class GetDeadLetterEndpoint(IMessageBus bus) : Endpoint<GetDeadLetterRequest, DeadLetterDetail>
{
    public override void Configure()
    {
        Get("/api/v1/dead-letters/{id:guid}");
        Roles(HubRoles.Viewer);
        Description(d => d.WithTags("Outbox").ProducesProblemDetails(StatusCodes.Status404NotFound));
        Summary(s => s.Summary = "One parked order (by its order id) with the message and the failure");
    }

    public override async Task HandleAsync(GetDeadLetterRequest req, CancellationToken ct)
    {
        var detail = await bus.InvokeAsync<DeadLetterDetail?>(new GetDeadLetter(req.Id), ct);
        if (detail is null)
        {
            AddError($"no order delivery has id {req.Id}");
            await Send.ErrorsAsync(StatusCodes.Status404NotFound, ct);
            return;
        }

        await Send.OkAsync(detail, ct);
    }
}
