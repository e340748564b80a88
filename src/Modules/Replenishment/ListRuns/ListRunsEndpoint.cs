using FastEndpoints;
using FluentValidation;
using Hub.Contracts.Outbox;
using Hub.Contracts.Paging;
using Hub.Contracts.Security;
using Hub.Replenishment.Runs;
using Marten;
using Marten.Linq.MatchesSql;
using Microsoft.AspNetCore.Http;

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
    public static async Task<RunsPage> Handle(ListRuns query, IQuerySession session, IRunOrders deliveries, CancellationToken ct)
    {
        var runs = session.Query<ReplenishmentRun>().AsQueryable();
        if (query.Status is { } status) runs = runs.Where(r => r.Status == status);
        if (query.After is { } after)
            runs = runs.Where(r => r.MatchesSql("(d.requested_at, d.id) < (?, ?)", after.Ts, after.Id));
        var page = await runs.OrderByDescending(r => r.RequestedAt).ThenByDescending(r => r.Id).Take(query.PageSize + 1).ToListAsync(ct);
        var shown = page.Take(query.PageSize).ToArray();
        // One grouped, indexed query for the page's counts: a run being dispatched changes them with every order.
        var counts = shown.Length == 0 ? new Dictionary<Guid, RunOrderCounts>() : await deliveries.CountAsync(shown.Select(r => r.Id).ToArray(), ct);
        var items = shown.Select(r => Summarise(r, counts.GetValueOrDefault(r.Id))).ToArray();
        var next = page.Count > query.PageSize ? new KeysetCursor(items[^1].RequestedAt, items[^1].Id).Encode() : null;
        return new RunsPage(items, next);
    }

    public static RunSummary Summarise(ReplenishmentRun r, RunOrderCounts? counts = null) =>
        new(r.Id, r.Trigger, r.Scope, r.DryRun, r.Status, r.RequestedAt, r.PlannedAt, r.FinishedAt, r.Deficits, r.OrderCount,
            counts?.Sent ?? r.Sent, counts?.Failed ?? r.Failed, r.Error) { ErrorParts = r.ErrorParts };
}

public sealed class ListRunsEndpoint(IQuerySession session, IRunOrders deliveries) : Endpoint<ListRunsRequest, RunsPage>
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
        await Send.OkAsync(await ListRunsHandler.Handle(new ListRuns(req.Status, req.PageSize, after), session, deliveries, ct), ct);
    }
}
