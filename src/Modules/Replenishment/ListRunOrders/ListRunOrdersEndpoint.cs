using FastEndpoints;
using FluentValidation;
using Hub.Contracts.Outbox;
using Hub.Contracts.Security;
using Hub.Replenishment.Reading;
using Marten;
using Microsoft.AspNetCore.Http;

namespace Hub.Replenishment.ListRunOrders;

public sealed class ListRunOrdersRequest
{
    public Guid Id { get; set; }
    [BindFrom("state")] public DeliveryState? State { get; set; }
    [BindFrom("page_size")] public int PageSize { get; set; } = 100;
    [BindFrom("next")] public string? Next { get; set; }
}

public sealed class ListRunOrdersValidator : Validator<ListRunOrdersRequest>
{
    public ListRunOrdersValidator()
    {
        RuleFor(x => x.PageSize).InclusiveBetween(1, 1000).OverridePropertyName("page_size");
        RuleFor(x => x.State).Must(s => s is null || Enum.IsDefined(s.Value)).OverridePropertyName("state")
            .WithMessage($"state must be one of {string.Join(", ", Enum.GetNames<DeliveryState>())}");
        RuleFor(x => x.Next).Must(n => n is null || Guid.TryParse(n, out _)).OverridePropertyName("next")
            .WithMessage("next must be the cursor a previous page returned");
    }
}

/// <summary>
/// A run's orders a page at a time, in the order of their ids, optionally only those in one state, with the run's counts: what a script
/// polls for a run of thousands of orders instead of the whole run.
/// </summary>
public sealed class ListRunOrdersEndpoint(IQuerySession session, IRunOrders deliveries) : Endpoint<ListRunOrdersRequest, RunOrdersPage>
{
    public override void Configure()
    {
        Get("/api/v1/runs/{id:guid}/orders");
        Roles(HubRoles.Viewer);
        Description(d => d.WithTags("Replenishment").ProducesProblemDetails().ProducesProblemDetails(StatusCodes.Status404NotFound));
        Summary(s => s.Summary = "A run's orders and where each delivery stands, a page at a time in the order of their ids, optionally only those in one state; pass `next` for the following page");
    }

    public override async Task HandleAsync(ListRunOrdersRequest req, CancellationToken ct)
    {
        var after = req.Next is { } n ? Guid.Parse(n) : (Guid?)null;
        var query = new RunPageQuery(req.State, after, req.PageSize, Decisions: 0);
        if (await RunDetails.LoadPageAsync(session, deliveries, req.Id, query, ct) is not { } view)
        {
            AddError($"no run has id {req.Id}");
            await Send.ErrorsAsync(StatusCodes.Status404NotFound, ct);
            return;
        }

        await Send.OkAsync(new RunOrdersPage(view.Run.Orders, view.OrderCounts, view.NextOrders), ct);
    }
}
