using FastEndpoints;
using Hub.Contracts.Outbox;
using Hub.Contracts.Security;
using Hub.Replenishment.Reading;
using Marten;
using Microsoft.AspNetCore.Http;

namespace Hub.Replenishment.GetRun;

public sealed class GetRunRequest
{
    public Guid Id { get; set; }
}

/// <summary>One run with its inputs, decisions and orders, read from its projections.</summary>
public sealed class GetRunEndpoint(IQuerySession session, IRunOrders deliveries) : Endpoint<GetRunRequest, RunDetail>
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
        if (await RunDetails.LoadAsync(session, deliveries, req.Id, ct) is not { } run)
        {
            AddError($"no run has id {req.Id}");
            await Send.ErrorsAsync(StatusCodes.Status404NotFound, ct);
            return;
        }

        await Send.OkAsync(run, ct);
    }
}
