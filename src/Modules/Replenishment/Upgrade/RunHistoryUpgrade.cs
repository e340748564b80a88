using Hub.Contracts.Outbox;
using Hub.Replenishment.Runs;
using Marten;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Hub.Replenishment.Upgrade;

/// <summary>
/// Turns the run documents of a hub from before runs were event streams into streams, at start-up and before any message
/// is handled: the run's request, its plan (decisions and all), and its end as they were recorded; an order that was still
/// queued gets its stream too, so a run that was dispatching ends when its last order does. Idempotent: a run that has a
/// stream is left alone. Runs after the Outbox's upgrade of the deliveries.
/// </summary>
public sealed class RunHistoryUpgrade(IDocumentStore store, IRunOrders deliveries, ILogger<RunHistoryUpgrade> logger) : IHostedService
{
    private const int Batch = 100;

    public async Task StartAsync(CancellationToken ct)
    {
        try
        {
            var upgraded = await UpgradeAsync(store, deliveries, ct);
            if (upgraded > 0) logger.LogInformation("Upgraded {Count} replenishment runs from documents to event streams", upgraded);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("Replenishment runs were not upgraded to event streams ({Error}); the next start tries again", ex.Message);
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>A run document as the hub stored it before runs were streams.</summary>
    public sealed class LegacyRun
    {
        public Guid Id { get; set; }
        public RunTrigger Trigger { get; set; }
        public Guid? WarehouseId { get; set; }
        public bool DryRun { get; set; }
        public RunStatus Status { get; set; }
        public DateTimeOffset RequestedAt { get; set; }
        public DateTimeOffset? PlanningStartedAt { get; set; }
        public DateTimeOffset? PlannedAt { get; set; }
        public DateTimeOffset? FinishedAt { get; set; }
        public long? ReadMs { get; set; }
        public long? PlanMs { get; set; }
        public string? Error { get; set; }
        public RunInputs? Inputs { get; set; }
        public List<Decision> Decisions { get; set; } = [];
        public Dictionary<string, int> Skipped { get; set; } = [];
        public List<string> Warnings { get; set; } = [];
        public List<RunOrder> Orders { get; set; } = [];
    }

    public static async Task<int> UpgradeAsync(IDocumentStore store, IRunOrders deliveries, CancellationToken ct)
    {
        var table = $"{store.Options.DatabaseSchemaName}.mt_doc_replenishment_run";
        var streams = $"{store.Options.Events.DatabaseSchemaName}.mt_streams";
        var serializer = store.Options.Serializer();
        var total = 0;
        while (true)
        {
            var legacy = new List<LegacyRun>();
            await using (var connection = store.Storage.Database.CreateConnection())
            {
                await connection.OpenAsync(ct);
                await using var command = new NpgsqlCommand(
                    $"select r.data from {table} r where not exists (select 1 from {streams} s where s.id = r.id) order by r.id limit {Batch}", connection);
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct)) legacy.Add(serializer.FromJson<LegacyRun>(reader, 0));
            }

            if (legacy.Count == 0) return total;
            await using var session = store.LightweightSession();
            foreach (var run in legacy)
            {
                var known = (await deliveries.IdsAsync(run.Id, ct)).ToHashSet();
                session.Events.StartStream<ReplenishmentRun>(run.Id, [.. Events(run)]);
                // An order never attempted before the upgrade has no delivery: it starts its stream as queued, like a new one.
                if (!run.DryRun)
                    foreach (var order in run.Orders.Where(o => !known.Contains(o.Id)))
                        session.Events.StartStream(order.Id, new OrderQueued(order.Id, run.Id, order.Kind, order.DonorKey, order.DonorName, order.RecipientKey,
                            order.RecipientName, order.Lines, run.PlannedAt ?? run.RequestedAt));
            }

            await session.SaveChangesAsync(ct);
            total += legacy.Count;

            // A run that was dispatching when the hub stopped may have seen its last order end without its end recorded.
            var dispatching = legacy.Where(r => r.Status == RunStatus.Dispatching).ToArray();
            if (dispatching.Length == 0) continue;
            var counts = await deliveries.CountAsync(dispatching.Select(r => r.Id).ToArray(), ct);
            await using var ending = store.LightweightSession();
            foreach (var run in dispatching)
                if (counts.GetValueOrDefault(run.Id) is { Open: 0 } c && c.Total >= run.Orders.Count)
                    ending.Events.Append(run.Id, new RunFinished(c.Failed == 0 ? RunStatus.Completed : RunStatus.CompletedWithFailures, c.Sent, c.Failed,
                        run.Orders.Max(o => o.UpdatedAt) ?? run.PlannedAt ?? run.RequestedAt));
            await ending.SaveChangesAsync(ct);
        }
    }

    /// <summary>The run's own events, rebuilt from what its document recorded.</summary>
    public static IEnumerable<object> Events(LegacyRun run)
    {
        yield return new RunRequested(run.Id, run.Trigger, run.WarehouseId, run.DryRun, run.RequestedAt);
        if (run.PlanningStartedAt is { } started) yield return new RunPlanningStarted(started);
        if (run.PlannedAt is { } planned)
            yield return new RunPlanned(run.Inputs ?? new RunInputs(0, 0, 0, 0, []), run.Decisions, run.Skipped, run.Warnings, run.ReadMs ?? 0, run.PlanMs ?? 0,
                run.Orders.Count, run.DryRun ? run.Orders : [], planned);
        var at = run.FinishedAt ?? run.PlannedAt ?? run.RequestedAt;
        switch (run.Status)
        {
            case RunStatus.Failed:
                yield return new RunFailed(run.Error ?? "failed", at);
                break;
            case RunStatus.Completed or RunStatus.CompletedWithFailures or RunStatus.Planned:
                yield return new RunFinished(run.Status, run.Orders.Count(o => o.State == DeliveryState.Sent),
                    run.Orders.Count(o => o.State is DeliveryState.Parked or DeliveryState.Discarded), at);
                break;
        }
    }
}
