using FastEndpoints;
using Hub.Contracts.Security;
using Hub.Logs.Domain;
using Marten;
using Microsoft.AspNetCore.Http;
using Wolverine;

namespace Hub.Logs.GetLog;

public sealed class GetLogRequest
{
    public Guid Id { get; set; }
}

public sealed record GetLog(Guid Id);

/// <summary>Loads one record by id; null when there is none.</summary>
public static class GetLogHandler
{
    public static Task<IntegrationLog?> Handle(GetLog query, IQuerySession session, CancellationToken ct) =>
        session.LoadAsync<IntegrationLog>(query.Id, ct);
}

public sealed class GetLogEndpoint(IMessageBus bus) : Endpoint<GetLogRequest, IntegrationLog>
{
    public override void Configure()
    {
        Get("/api/v1/logs/{id:guid}");
        Roles(HubRoles.Viewer);
        Description(d => d.WithTags("Logs").ProducesProblemDetails(StatusCodes.Status404NotFound));
        Summary(s => s.Summary = "One integration log record with every field");
    }

    public override async Task HandleAsync(GetLogRequest req, CancellationToken ct)
    {
        var log = await bus.InvokeAsync<IntegrationLog?>(new GetLog(req.Id), ct);
        if (log is null)
        {
            AddError($"no integration log has id {req.Id}");
            await Send.ErrorsAsync(StatusCodes.Status404NotFound, ct);
            return;
        }
        await Send.OkAsync(log, ct);
    }
}
