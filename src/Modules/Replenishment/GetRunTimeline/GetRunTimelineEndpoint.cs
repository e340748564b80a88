using System.Globalization;
using FastEndpoints;
using FluentValidation;
using Hub.Contracts.Outbox;
using Hub.Contracts.Security;
using Hub.Replenishment.Runs;
using Marten;
using Microsoft.AspNetCore.Http;

namespace Hub.Replenishment.GetRunTimeline;

public sealed class GetRunTimelineRequest
{
    public Guid Id { get; set; }
    [BindFrom("after")] public long After { get; set; }
    [BindFrom("page_size")] public int PageSize { get; set; } = 200;
}

public sealed class GetRunTimelineValidator : Validator<GetRunTimelineRequest>
{
    public GetRunTimelineValidator()
    {
        RuleFor(x => x.PageSize).InclusiveBetween(1, 1000).OverridePropertyName("page_size");
        RuleFor(x => x.After).GreaterThanOrEqualTo(0).OverridePropertyName("after");
    }
}

/// <summary>A run's events and its orders', read from the event store in the order they were appended, keyset-paged on the sequence.</summary>
public static class RunTimeline
{
    public static async Task<TimelinePage?> ReadAsync(IQuerySession session, IRunOrders deliveries, Guid runId, long after, int pageSize, CancellationToken ct)
    {
        if (await session.LoadAsync<ReplenishmentRun>(runId, ct) is null) return null;
        Guid[] streams = [runId, .. await deliveries.IdsAsync(runId, ct)];
        // Nothing of the run happened before its first event: starting there keeps the scan to the run's own time, however long the history before it.
        var first = await session.Events.QueryAllRawEvents().Where(e => e.StreamId == runId).OrderBy(e => e.Version).Take(1).ToListAsync(ct);
        var from = Math.Max(after, first.Count == 0 ? 0 : first[0].Sequence - 1);
        var events = await session.Events.QueryAllRawEvents()
            .Where(e => streams.Contains(e.StreamId) && e.Sequence > from)
            .OrderBy(e => e.Sequence).Take(pageSize + 1).ToListAsync(ct);
        var items = events.Take(pageSize).Select(e => Describe(e.Sequence, e.Timestamp, e.Data)).ToArray();
        return new TimelinePage(items, events.Count > pageSize ? items[^1].Sequence : null);
    }

    private static string Time(DateTimeOffset t) => t.ToString("u", CultureInfo.InvariantCulture);

    /// <summary>A line per event, in the words an operator uses, at the event's own time (the hub's clock when it happened).</summary>
    public static TimelineEntry Describe(long sequence, DateTimeOffset stored, object data) => data switch
    {
        RunRequested e => new(sequence, e.At, "requested", null, $"requested by {e.Trigger}, scope {e.WarehouseId?.ToString() ?? ReplenishmentRun.AllWarehouses}{(e.DryRun ? ", dry run" : "")}"),
        RunPlanningStarted e => new(sequence, e.At, "planning_started", null, "reading 1C and planning"),
        RunPlanned e => new(sequence, e.At, "planned", null, $"{e.Decisions.Count} deficits, {e.Orders} orders; read {e.ReadMs} ms, planned {e.PlanMs} ms"),
        RunFailed e => new(sequence, e.At, "failed", null, e.Error),
        RunFinished e => new(sequence, e.At, "finished", null, $"{e.Outcome}: {e.Sent} sent, {e.Failed} failed"),
        RunReopened e => new(sequence, e.At, "reopened", e.OrderId, "a parked order was replayed; the run dispatches again"),
        OrderQueued e => new(sequence, e.At, "order_queued", e.OrderId,
            e.Kind == OrderKind.Transfer ? $"transfer order {e.DonorName} → {e.RecipientName}, {e.Lines.Count} lines, queued for 1C"
                : $"customer order for {e.RecipientName}, {e.Lines.Count} lines, queued for МойСклад"),
        OrderRetrying e => new(sequence, e.At, "order_retrying", e.OrderId, $"attempt {e.Attempt} failed ({e.ExceptionType}: {e.Reason}); next attempt at {Time(e.NextAttemptAt)}"),
        OrderSent e => new(sequence, e.At, "order_sent", e.OrderId, $"attempt {e.Attempt}: created {e.ExternalNumber ?? e.ExternalId}{(e.Note is null ? "" : $" ({e.Note})")}"),
        OrderDeadLettered e => new(sequence, e.At, "order_parked", e.OrderId, $"attempt {e.Attempt} failed for good ({e.ExceptionType}: {e.Reason}); parked"),
        OrderReplayed e => new(sequence, e.At, "order_replayed", e.OrderId, $"replayed by {e.By}"),
        OrderDiscarded e => new(sequence, e.At, "order_discarded", e.OrderId, $"discarded by {e.By}"),
        _ => new(sequence, stored, data.GetType().Name, null, data.GetType().Name),
    };
}

public sealed class GetRunTimelineEndpoint(IQuerySession session, IRunOrders deliveries) : Endpoint<GetRunTimelineRequest, TimelinePage>
{
    public override void Configure()
    {
        Get("/api/v1/runs/{id:guid}/timeline");
        Roles(HubRoles.Viewer);
        Description(d => d.WithTags("Replenishment").ProducesProblemDetails(StatusCodes.Status404NotFound));
        Summary(s => s.Summary = "What happened in a run and to each of its orders, event by event in the order it happened; pass `next` back as `after` for the following page");
    }

    public override async Task HandleAsync(GetRunTimelineRequest req, CancellationToken ct)
    {
        if (await RunTimeline.ReadAsync(session, deliveries, req.Id, req.After, req.PageSize, ct) is not { } page)
        {
            AddError($"no run has id {req.Id}");
            await Send.ErrorsAsync(StatusCodes.Status404NotFound, ct);
            return;
        }

        await Send.OkAsync(page, ct);
    }
}
