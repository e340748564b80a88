using FastEndpoints;
using Hub.Contracts.Security;
using Microsoft.AspNetCore.Http;
using Wolverine;

namespace Hub.Logs.Ingest;

public sealed class IngestLogsEndpoint(IMessageBus bus) : Endpoint<IngestLogsRequest, IngestLogsResponse>
{
    public override void Configure()
    {
        Post("/api/v1/logs");
        RequestBinder(new IngestLogsBinder());
        Roles(HubRoles.Ingest);
        Description(d => d.WithTags("Logs").Accepts<IncomingLog[]>("application/json")
            .Produces<IngestLogsResponse>(StatusCodes.Status202Accepted).ProducesProblemDetails()
            .ProducesProblemDetails(StatusCodes.Status413PayloadTooLarge).ProducesProblemDetails(StatusCodes.Status503ServiceUnavailable));
        Summary(s =>
        {
            s.Summary = "Store one integration log or a batch of up to 1000";
            s.Description = "Accepts a record, an array of records, or {\"logs\": [...]}. A bad batch is rejected whole: nothing of it is stored. " +
                            "Values PostgreSQL cannot store (\\u0000, lone surrogates, numbers out of range, nesting deeper than 32 levels) " +
                            "are made storable and listed in the record's `sanitized`. A body over Logs:Ingest:MaxBodyBytes is answered 413.";
        });
    }

    // Before the validator, so a body that was never read is answered 413 and not "send one log record".
    public override void OnBeforeValidate(IngestLogsRequest req)
    {
        if (req.TooLarge) ThrowIfAnyErrors(StatusCodes.Status413PayloadTooLarge);
    }

    public override async Task HandleAsync(IngestLogsRequest req, CancellationToken ct)
    {
        var outcome = await bus.InvokeAsync<IngestOutcome>(new IngestLogs(req.Logs.Select(l => l.ToEntry()).ToArray()), ct, IngestOutcome.Timeout);
        if (await IngestOutcome.SendFailureAsync(this, outcome, ct)) return;
        await Send.ResponseAsync(outcome.Stored!, StatusCodes.Status202Accepted, ct);
    }
}
