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
            .Produces<IngestLogsResponse>(StatusCodes.Status202Accepted).ProducesProblemDetails());
        Summary(s =>
        {
            s.Summary = "Store one integration log or a batch of up to 1000";
            s.Description = "Accepts a record, an array of records, or {\"logs\": [...]}. A bad batch is rejected whole: nothing of it is stored.";
        });
    }

    public override async Task HandleAsync(IngestLogsRequest req, CancellationToken ct)
    {
        var result = await bus.InvokeAsync<IngestLogsResponse>(new IngestLogs(req.Logs.Select(l => l.ToEntry()).ToArray()), ct);
        await Send.ResponseAsync(result, StatusCodes.Status202Accepted, ct);
    }
}
