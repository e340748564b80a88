using FastEndpoints;
using Hub.Contracts.Security;
using Hub.Replenishment.Runs;
using Marten;
using Microsoft.AspNetCore.Http;
using Wolverine;

namespace Hub.Replenishment.GetRun;

public sealed class GetRunRequest
{
    public Guid Id { get; set; }
}

public sealed record GetRun(Guid Id);

/// <summary>One run with its inputs, decisions and orders; null when there is none.</summary>
public static class GetRunHandler
{
    public static Task<ReplenishmentRun?> Handle(GetRun query, IQuerySession session, CancellationToken ct) =>
        session.LoadAsync<ReplenishmentRun>(query.Id, ct);
}

public sealed class GetRunEndpoint(IMessageBus bus) : Endpoint<GetRunRequest, ReplenishmentRun>
{
    public override void Configure()
    {
        Get("/api/v1/runs/{id:guid}");
        Roles(HubRoles.Viewer);
        Description(d => d.WithTags("Replenishment").ProducesProblemDetails(StatusCodes.Status404NotFound));
        Summary(s => s.Summary = "One run: trigger, scope, timings, what it read, every decision with its reason, each order and its delivery");
    }

    public override async Task HandleAsync(GetRunRequest req, CancellationToken ct)
    {
        var run = await bus.InvokeAsync<ReplenishmentRun?>(new GetRun(req.Id), ct);
        if (run is null)
        {
            AddError($"no run has id {req.Id}");
            await Send.ErrorsAsync(StatusCodes.Status404NotFound, ct);
            return;
        }

        await Send.OkAsync(run, ct);
    }
}
