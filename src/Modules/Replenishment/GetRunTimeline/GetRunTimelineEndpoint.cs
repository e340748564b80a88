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
        if (await session.LoadAsync<ReplenishmentRun>(runId, ct) is not { } run) return null;
        Guid[] streams = [runId, .. await deliveries.IdsAsync(runId, ct)];
        var table = $"{session.DocumentStore.Options.Events.DatabaseSchemaName}.mt_events";
        // The page's sequences first, from the stream index alone; then only those events are read. The plan's event is
        // never read: a large run's is megabytes, and its line comes from the run's summary.
        var sequences = await session.AdvancedSql.QueryAsync<long>(
            $"select seq_id from {table} where stream_id = any(?) and seq_id > ? order by seq_id limit ?", ct, streams, after, pageSize + 1);
        var shown = sequences.Take(pageSize).ToArray();
        if (shown.Length == 0) return new TimelinePage([], null);
        var planned = await session.AdvancedSql.QueryAsync<long>($"select seq_id from {table} where stream_id = ? and type = ?", ct, runId, PlannedType);
        var events = await session.Events.QueryAllRawEvents()
            .Where(e => shown.Contains(e.Sequence) && e.EventTypeName != PlannedType).ToListAsync(ct);
        var items = events.Select(e => Describe(e.Sequence, e.Timestamp, e.Data))
            .Concat(planned.Where(shown.Contains).Select(s => Planned(s, run)))
            .OrderBy(e => e.Sequence).ToArray();
        return new TimelinePage(items, sequences.Count > pageSize ? shown[^1] : null);
    }

    private const string PlannedType = "run_planned";

    /// <summary>The plan's line, told from the summary it projected: the same words as <see cref="Describe"/> gives its event.</summary>
    public static TimelineEntry Planned(long sequence, ReplenishmentRun run) =>
        new(sequence, run.PlannedAt ?? run.RequestedAt, "planned", null, PlannedText(run.Deficits, run.OrderCount, run.ReadMs, run.PlanMs))
        {
            Values = V(run.Deficits, run.OrderCount, run.ReadMs, run.PlanMs),
        };

    private static string PlannedText(int deficits, int orders, long? readMs, long? planMs) =>
        $"{deficits} deficits, {orders} orders; read {readMs} ms, planned {planMs} ms";

    private static string Time(DateTimeOffset t) => t.ToString("u", CultureInfo.InvariantCulture);

    /// <summary>An event's values as its entry keeps them: numbers invariant, times ISO 8601, nothing for null.</summary>
    private static string[] V(params object?[] values) => values.Select(v => v switch
    {
        null => "",
        DateTimeOffset t => t.ToString("o", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    }).ToArray();

    /// <summary>A line per event, in the words an operator uses, at the event's own time (the hub's clock when it happened), and its values.</summary>
    public static TimelineEntry Describe(long sequence, DateTimeOffset stored, object data) => data switch
    {
        RunRequested e => new(sequence, e.At, "requested", null, $"requested by {e.Trigger}, scope {e.WarehouseId?.ToString() ?? ReplenishmentRun.AllWarehouses}{(e.DryRun ? ", dry run" : "")}")
            { Values = V(e.Trigger, e.WarehouseId?.ToString() ?? ReplenishmentRun.AllWarehouses, e.DryRun) },
        RunPlanningStarted e => new(sequence, e.At, "planning_started", null, "reading 1C and planning"),
        RunPlanned e => new(sequence, e.At, "planned", null, PlannedText(e.Decisions.Count, e.Orders, e.ReadMs, e.PlanMs)) { Values = V(e.Decisions.Count, e.Orders, e.ReadMs, e.PlanMs) },
        RunDispatched e => new(sequence, e.At, "dispatched", null, $"every order tried once; {e.StillOpen} still retrying, the scope is free for new runs") { Values = V(e.StillOpen) },
        RunFailed e => new(sequence, e.At, "failed", null, e.Error),
        RunFinished e => new(sequence, e.At, "finished", null, $"{e.Outcome}: {e.Sent} sent, {e.Failed} failed") { Values = V(e.Outcome, e.Sent, e.Failed) },
        RunAwaitingConfirmation e => new(sequence, e.At, "awaiting_confirmation", null,
            $"the plan orders more for {e.Shelves} shelves with goods already on their way; nothing is sent until a person confirms (gives up at {Time(e.ExpiresAt)})")
            { Values = V(e.Shelves, e.ExpiresAt) },
        RunConfirmed e => new(sequence, e.At, "confirmed", null, $"confirmed by {e.By}: the planned orders are queued") { Values = V(e.By) },
        RunDeclined e => new(sequence, e.At, "declined", null, $"declined by {e.By}: nothing sent") { Values = V(e.By) },
        RunReopened e => new(sequence, e.At, "reopened", e.OrderId, "a parked order was replayed; the run dispatches again"),
        OrderQueued e => new(sequence, e.At, "order_queued", e.OrderId,
            e.Kind == OrderKind.Transfer ? $"transfer order {e.DonorName} → {e.RecipientName}, {e.Lines.Count} lines, queued for 1C"
                : $"customer order for {e.RecipientName}, {e.Lines.Count} lines, queued for МойСклад") { Values = V(e.Kind, e.DonorName, e.RecipientName, e.Lines.Count) },
        OrderRetrying e => new(sequence, e.At, "order_retrying", e.OrderId, $"attempt {e.Attempt} failed ({e.ExceptionType}: {e.Reason}); next attempt at {Time(e.NextAttemptAt)}")
            { Values = V(e.Attempt, e.ExceptionType, e.Reason, e.NextAttemptAt) },
        OrderSent e => new(sequence, e.At, "order_sent", e.OrderId, $"attempt {e.Attempt}: created {e.ExternalNumber ?? e.ExternalId}{(e.Note is null ? "" : $" ({e.Note})")}")
            { Values = V(e.Attempt, e.ExternalNumber ?? e.ExternalId, e.Note) },
        OrderDeadLettered e => new(sequence, e.At, "order_parked", e.OrderId, $"attempt {e.Attempt} failed for good ({e.ExceptionType}: {e.Reason}); parked")
            { Values = V(e.Attempt, e.ExceptionType, e.Reason) },
        OrderReplayed e => new(sequence, e.At, "order_replayed", e.OrderId, $"replayed by {e.By}") { Values = V(e.By) },
        OrderDiscarded e => new(sequence, e.At, "order_discarded", e.OrderId, $"discarded by {e.By}") { Values = V(e.By) },
        OrderShipped e => new(sequence, e.At, "order_shipped", e.OrderId, e.Note) { Values = Hub.Replenishment.PlanRun.ShipmentNotes.Values(e.Note) },
        OrderBroughtForward e => new(sequence, e.At, "order_sent_now", e.OrderId, $"{e.By} asked for the next attempt now") { Values = V(e.By) },
        OrderCancelled e => new(sequence, e.At, "order_cancelled", e.OrderId, $"cancelled by {e.By} while retrying; never sent") { Values = V(e.By) },
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
