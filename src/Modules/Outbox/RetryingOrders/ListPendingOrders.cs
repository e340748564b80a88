using FastEndpoints;
using FluentValidation;
using Hub.Contracts.Security;
using Hub.Outbox.DeadLetters;
using Hub.Outbox.Deliveries;
using Marten;
using Microsoft.AspNetCore.Http;

namespace Hub.Outbox.RetryingOrders;

public sealed class ListPendingOrdersRequest
{
    [BindFrom("system")] public string? System { get; set; }
    [BindFrom("run_id")] public Guid? RunId { get; set; }
    [BindFrom("limit")] public int Limit { get; set; } = 200;
}

public sealed class ListPendingOrdersValidator : Validator<ListPendingOrdersRequest>
{
    public ListPendingOrdersValidator()
    {
        RuleFor(x => x.System).Must(s => s is null || DeadLetterFilter.Systems.Contains(s.Trim().ToLowerInvariant()))
            .OverridePropertyName("system").WithMessage($"system must be one of {string.Join(", ", DeadLetterFilter.Systems)}");
        RuleFor(x => x.Limit).InclusiveBetween(1, 1000).OverridePropertyName("limit");
    }
}

public sealed record PendingOrdersResponse(IReadOnlyList<PendingOrder> Items);

/// <summary>Orders still on their way (queued, retrying, replayed), newest change first: what send-now and cancel act on.</summary>
public static class PendingOrders
{
    public static async Task<IReadOnlyList<PendingOrder>> ReadAsync(IQuerySession session, string? system, Guid? runId, int limit, CancellationToken ct)
    {
        var pending = session.Query<Delivery>().Where(d => d.State == DeliveryState.Queued || d.State == DeliveryState.Retrying || d.State == DeliveryState.Replayed);
        if (system is { Length: > 0 }) pending = pending.Where(d => d.ExternalSystem == system.Trim().ToLowerInvariant());
        if (runId is { } run) pending = pending.Where(d => d.RunId == run);
        var items = await pending.OrderByDescending(d => d.UpdatedAt).ThenByDescending(d => d.Id).Take(limit).ToListAsync(ct);
        return items.Select(d => new PendingOrder(d.Id, d.RunId, d.ExternalSystem, d.MessageType, d.Description, d.State.ToString(), d.Attempts,
            d.NextAttemptAt, d.Reason, d.UpdatedAt) { Order = Delivery.PartsOf(d), ReasonParts = DeliveryReasons.Parts(d.Reason) }).ToArray();
    }
}

public sealed class ListPendingOrdersEndpoint(IQuerySession session) : Endpoint<ListPendingOrdersRequest, PendingOrdersResponse>
{
    public override void Configure()
    {
        Get("/api/v1/orders/pending");
        Roles(HubRoles.Viewer);
        Description(d => d.WithTags("Outbox").ProducesProblemDetails());
        Summary(s => s.Summary = "Orders still on their way (queued, retrying, replayed), newest change first, with each one's next attempt");
    }

    public override async Task HandleAsync(ListPendingOrdersRequest req, CancellationToken ct) =>
        await Send.OkAsync(new PendingOrdersResponse(await PendingOrders.ReadAsync(session, req.System, req.RunId, req.Limit, ct)), ct);
}
