using FastEndpoints;
using FluentValidation;
using Hub.Contracts.Paging;
using Hub.Contracts.Security;
using Hub.Replenishment.Runs;
using Marten;
using Marten.Linq.MatchesSql;
using Microsoft.AspNetCore.Http;
using Wolverine;

namespace Hub.Replenishment.ListRuns;

public sealed class ListRunsRequest
{
    [BindFrom("status")] public RunStatus? Status { get; set; }
    [BindFrom("page_size")] public int PageSize { get; set; } = 50;
    [BindFrom("next")] public string? Next { get; set; }
}

public sealed class ListRunsValidator : Validator<ListRunsRequest>
{
    public ListRunsValidator()
    {
        RuleFor(x => x.PageSize).InclusiveBetween(1, 500).OverridePropertyName("page_size");
        RuleFor(x => x.Next).Must(n => n is null || KeysetCursor.TryDecode(n, out _)).OverridePropertyName("next")
            .WithMessage("next must be the cursor a previous page returned");
    }
}

public sealed record ListRuns(RunStatus? Status, int PageSize, KeysetCursor? After);

/// <summary>Newest runs first, keyset-paged on (requested_at, id).</summary>
public static class ListRunsHandler
{
    public static async Task<RunsPage> Handle(ListRuns query, IQuerySession session, CancellationToken ct)
    {
        var runs = session.Query<ReplenishmentRun>().AsQueryable();
        if (query.Status is { } status) runs = runs.Where(r => r.Status == status);
        if (query.After is { } after)
            runs = runs.Where(r => r.MatchesSql("(d.requested_at, d.id) < (?, ?)", after.Ts, after.Id));
        var page = await runs.OrderByDescending(r => r.RequestedAt).ThenByDescending(r => r.Id).Take(query.PageSize + 1).ToListAsync(ct);
        var items = page.Take(query.PageSize).Select(Summarise).ToArray();
        var next = page.Count > query.PageSize ? new KeysetCursor(items[^1].RequestedAt, items[^1].Id).Encode() : null;
        return new RunsPage(items, next);
    }

    public static RunSummary Summarise(ReplenishmentRun r) =>
        new(r.Id, r.Trigger, r.Scope, r.DryRun, r.Status, r.RequestedAt, r.PlannedAt, r.FinishedAt, r.Decisions.Count, r.Orders.Count,
            r.Orders.Count(o => o.State == Contracts.Replenishment.DeliveryState.Sent),
            r.Orders.Count(o => o.State is Contracts.Replenishment.DeliveryState.Parked or Contracts.Replenishment.DeliveryState.Discarded), r.Error);
}

public sealed class ListRunsEndpoint(IMessageBus bus) : Endpoint<ListRunsRequest, RunsPage>
{
    public override void Configure()
    {
        Get("/api/v1/runs");
        Roles(HubRoles.Viewer);
        Description(d => d.WithTags("Replenishment").ProducesProblemDetails());
        Summary(s => s.Summary = "Replenishment runs, newest first; pass `next` for the following page");
    }

    public override async Task HandleAsync(ListRunsRequest req, CancellationToken ct)
    {
        var after = KeysetCursor.After(req.Next);
        await Send.OkAsync(await bus.InvokeAsync<RunsPage>(new ListRuns(req.Status, req.PageSize, after), ct), ct);
    }
}
