using System.Diagnostics;
using Hub.Contracts.Logging;
using Hub.Contracts.Outbox;
using Hub.Contracts.Replenishment;
using Hub.Integrations.MoySklad;
using Hub.Integrations.OneC;
using Hub.Replenishment.ConfirmPlan;
using Hub.Replenishment.Planning;
using Hub.Replenishment.Runs;
using Marten;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Wolverine;
using Wolverine.Marten;

namespace Hub.Replenishment.PlanRun;

public sealed record PlanReplenishment(Guid RunId);

/// <summary>Reads 1C, plans the run, and commits the plan together with one outbox message per order.</summary>
public static class PlanReplenishmentHandler
{
    public const string Process = "internal_replenishment";

    public static Task<ReplenishmentRun?> LoadAsync(PlanReplenishment message, IDocumentSession session, CancellationToken ct) =>
        session.LoadAsync<ReplenishmentRun>(message.RunId, ct);

    public static async Task<(IMartenOp, OutgoingMessages)> Handle(PlanReplenishment message, ReplenishmentRun? run, OneCClient oneC,
        IOptions<OneCOptions> oneCOptions, IOpenOrders openOrders, MoySkladClient moySklad, IOptions<MoySkladOptions> moySkladOptions,
        IIntegrationLogWriter logs, TimeProvider clock,
        ILogger<PlanReplenishment> logger, CancellationToken ct)
    {
        // A redelivery after the plan was committed finds the run past Planning: the orders are already in the outbox.
        if (run is not { Status: RunStatus.Planning }) return (MartenOps.Nothing(), []);
        if (!oneCOptions.Value.IsConfigured)
            return Fail(run, "1C is not configured: set OneC:BaseUrl, OneC:User and OneC:Password.", clock, logs, logger, parts: new(RunErrorCode.OneCNotConfigured, []));

        using var scope = IntegrationScope.Begin(new IntegrationScope(Process, run.Id));
        var started = new RunPlanningStarted(clock.GetUtcNow());
        logs.Write(Step(run, "started", $"Deficit analysis started ({run.Trigger}, scope {run.Scope}{(run.DryRun ? ", dry run" : "")})"));

        var watch = Stopwatch.StartNew();
        PlanningInput input;
        IReadOnlyList<OpenOrderLine> open;
        try
        {
            // The hub's undelivered orders first: one sent meanwhile is then counted twice (in 1C's register too), which orders
            // less for a day, never ordered twice.
            open = await openOrders.LinesAsync(ct);
            input = await OneCSnapshot.ReadAsync(oneC, oneCOptions.Value.DonorWarehouses, run.WarehouseId, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Whatever stops the reading ends the run with its reason; a run left in Planning would block its scope.
            return Fail(run, $"Reading 1C failed: {ex.Message}", clock, logs, logger, started, new(RunErrorCode.ReadingOneCFailed, [ex.Message]));
        }

        // What МойСклад has not shipped of the hub's customer orders is on its way; an order it shipped in full is recorded so.
        var shipments = !open.Any(HubOrders.AwaitsShipment) ? MoySkladShipments.None
            : moySkladOptions.Value.IsConfigured ? await MoySkladShipments.ReadAsync(open, moySklad, clock.GetUtcNow(), ct)
            : MoySkladShipments.None with
            {
                Warnings = ["МойСклад is not configured, so the customer orders sent to it count whole as on their way."],
                WarningParts = [new PlanWarning(PlanWarningCode.MoySkladNotConfigured, [])],
            };
        input = HubOrders.Add(input, open, shipments.Unshipped);
        var readMs = watch.ElapsedMilliseconds;
        if (run.WarehouseId is { } only && input.Warehouses.All(w => w.Key != only))
            return Fail(run, $"Warehouse {only} is not among the {input.Warehouses.Count} warehouses 1C lists.", clock, logs, logger, started,
                new(RunErrorCode.WarehouseNotListed, [only.ToString(), input.Warehouses.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)]));

        watch.Restart();
        var plan = ReplenishmentPlanner.Create(input);
        if (shipments.Warnings.Count > 0)
            plan = plan with { Warnings = [.. plan.Warnings, .. shipments.Warnings], WarningParts = [.. plan.WarningParts, .. shipments.WarningParts] };
        var planMs = watch.ElapsedMilliseconds;

        // What every transfer order names (organization, priority) must resolve before anything is sent: an order that
        // cannot be posted would only be parked, one after another. A dry run plans anyway and says what is missing.
        if (plan.Transfers.Count > 0)
        {
            try
            {
                await oneC.ResolveTransferDefaultsAsync(ct);
            }
            catch (Exception ex) when (ex is OneCSettingException or Hub.Integrations.Http.ExternalApiException)
            {
                if (!run.DryRun) return Fail(run, $"Transfer orders cannot be sent: {ex.Message}", clock, logs, logger, started, new(RunErrorCode.TransfersCannotBeSent, [ex.Message]));
                plan = plan.Warn($"Transfer orders could not be sent: {ex.Message}", new PlanWarning(PlanWarningCode.TransfersCannotBeSent, [ex.Message]));
            }
        }

        var (appends, messages) = Apply(run, input, plan, readMs, planMs, clock.GetUtcNow(), started, shipments.Shipped);

        logs.Write(Step(run, "success",
            $"Deficit analysis done: {plan.Decisions.Count} deficits, {plan.Transfers.Count} transfer orders, {plan.Purchases.Count} customer orders{(run.DryRun ? " (dry run, nothing sent)" : "")}")
            with { ElapsedMs = readMs + planMs, Details = new { Inputs = Inputs(input), plan.Skipped, plan.Warnings } });
        logger.LogInformation("Run {RunId} planned: {Transfers} transfer orders, {Purchases} customer orders{DryRun}",
            run.Id, plan.Transfers.Count, plan.Purchases.Count, run.DryRun ? " (dry run)" : "");
        return (appends, messages);
    }

    private static RunInputs Inputs(PlanningInput input) =>
        new(input.Warehouses.Count, input.Items.Count, input.Balances.Count, input.Levels.Count, input.DonorNames);

    /// <summary>
    /// The plan as events: the run's (planning started, planned, and its end when nothing is to be sent) and one stream per
    /// order, started with the order's <see cref="OrderQueued"/>; and each order's outbox message (none for a dry run).
    /// </summary>
    public static (AppendEvents, OutgoingMessages) Apply(ReplenishmentRun run, PlanningInput input, Plan plan, long readMs, long planMs,
        DateTimeOffset now, RunPlanningStarted? started = null, IReadOnlyList<OrderShipped>? shipped = null)
    {
        // Earlier orders found shipped are recorded on their own streams, in the plan's transaction.
        var appends = (shipped ?? []).Select(s => (s.OrderId, new object[] { s })).ToList();
        RunOrder[] orders =
        [
            .. plan.Transfers.Select(t => new RunOrder
            {
                Id = Guid.CreateVersion7(), Kind = OrderKind.Transfer, DonorKey = t.DonorKey, DonorName = t.DonorName,
                RecipientKey = t.RecipientKey, RecipientName = t.RecipientName, Lines = t.Lines.ToList(),
            }),
            .. plan.Purchases.Select(p => new RunOrder
            {
                Id = Guid.CreateVersion7(), Kind = OrderKind.Purchase, RecipientKey = p.RecipientKey, RecipientName = p.RecipientName, Lines = p.Lines.ToList(),
            }),
        ];

        var sends = !run.DryRun && orders.Length > 0;
        var onTheirWay = sends && run.AsksToConfirm ? OrdersOnTopOfGoodsOnTheirWay(plan) : [];
        var asks = onTheirWay.Count > 0;
        var runEvents = new List<object> { started ?? new RunPlanningStarted(now) };
        runEvents.Add(new RunPlanned(Inputs(input), plan.Decisions.ToArray(), plan.Skipped.ToDictionary(), plan.Warnings.ToArray(), readMs, planMs,
            orders.Length, sends && !asks ? [] : orders, now) { WarningParts = plan.WarningParts.ToArray() });
        var messages = new OutgoingMessages();
        if (asks)
        {
            // The orders stay with the plan, unsent, until the person answers; an unanswered plan gives up by itself.
            var expires = now + ConfirmationWindow;
            runEvents.Add(new RunAwaitingConfirmation(onTheirWay.Count, expires, now));
            appends.Insert(0, (run.Id, runEvents.ToArray()));
            messages.Add(new ConfirmRun(run.Id, false, ConfirmRunHandler.Unanswered, expires).ScheduledAt(expires));
            return (new AppendEvents(appends), messages);
        }
        if (!sends)
        {
            var outcome = run.DryRun ? RunStatus.Planned : RunStatus.Completed;
            runEvents.Add(new RunFinished(outcome, 0, 0, now));
            messages.Add(RunNotices.Ended(run.Id, outcome, 0, now, null));
            appends.Insert(0, (run.Id, runEvents.ToArray()));
            return (new AppendEvents(appends), messages);
        }

        appends.Insert(0, (run.Id, runEvents.ToArray()));
        Queue(run.Id, orders, now, appends, messages);
        return (new AppendEvents(appends), messages);
    }

    /// <summary>How long a plan waits for a person's yes before it gives up, sending nothing and freeing its scope.</summary>
    public static readonly TimeSpan ConfirmationWindow = TimeSpan.FromHours(1);

    /// <summary>
    /// The shelves a plan orders more for although goods are already on their way to them: a person who started the run is
    /// asked about these before anything is sent (the schedule and API clients are not).
    /// </summary>
    public static IReadOnlyList<Decision> OrdersOnTopOfGoodsOnTheirWay(Plan plan) =>
        plan.Decisions.Where(d => d.AddsToGoodsOnTheirWay).ToArray();

    /// <summary>Each order's stream, started with its <see cref="OrderQueued"/>, and its outbox message.</summary>
    public static void Queue(Guid runId, IReadOnlyList<RunOrder> orders, DateTimeOffset now, List<(Guid, object[])> appends, OutgoingMessages messages)
    {
        foreach (var order in orders)
        {
            appends.Add((order.Id, [new OrderQueued(order.Id, runId, order.Kind, order.DonorKey, order.DonorName, order.RecipientKey, order.RecipientName, order.Lines, now)]));
            var lines = order.Lines.Select(l => new OrderLine(l.ItemKey, l.ItemName, l.Unit, l.Quantity, l.CharacteristicKey, l.CharacteristicName)).ToArray();
            messages.Add(order.Kind == OrderKind.Transfer
                ? new SendTransferOrder(order.Id, runId, order.DonorKey!.Value, order.DonorName!, order.RecipientKey, order.RecipientName, lines, now)
                : new SendCustomerOrder(order.Id, runId, order.RecipientKey, order.RecipientName, lines));
        }
    }

    private static (IMartenOp, OutgoingMessages) Fail(ReplenishmentRun run, string error, TimeProvider clock, IIntegrationLogWriter logs, ILogger logger,
        RunPlanningStarted? started = null, RunError? parts = null)
    {
        var now = clock.GetUtcNow();
        logs.Write(Step(run, "failed", error) with { Level = LogLevels.Error, ErrorMessage = error });
        logger.LogWarning("Run {RunId} failed: {Error}", run.Id, error);
        var failed = new RunFailed(error, now) { Parts = parts };
        object[] events = started is null ? [failed] : [started, failed];
        return (AppendEvents.To(run.Id, events), [RunNotices.Ended(run.Id, RunStatus.Failed, 0, now, error)]);
    }

    private static LogEntry Step(ReplenishmentRun run, string status, string message) => new()
    {
        ProcessName = Process,
        Step = "deficit_analysis",
        Status = status,
        Message = message,
        RunId = run.Id.ToString(),
        ExternalSystem = "1c",
        Action = "plan_replenishment",
    };
}
