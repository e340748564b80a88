using Marten;
using Weasel.Postgresql.Tables.Partitioning;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hub.Logs.PruneLogs;

/// <summary>Deletes the logs the retention rule says are due; with DryRun only counts them.</summary>
public sealed record PruneLogs(bool DryRun = false);

/// <summary>What a prune found (and, unless a dry run, deleted): successes past their limit, everything past the overall one.</summary>
public sealed record PruneLogsResult(bool DryRun, DateTimeOffset SuccessCutoff, DateTimeOffset AllCutoff, long Successful, long Expired)
{
    public long Total => Successful + Expired;

    /// <summary>The monthly partitions dropped whole (their rows are in <see cref="Expired"/>).</summary>
    public IReadOnlyList<string> DroppedPartitions { get; init; } = [];
}

/// <summary>
/// Log retention, as the weekly schedule and operators run it. The deletes run in many short transactions
/// (see <see cref="LogPruner"/>), not as the side effect of one handler transaction: one transaction over
/// millions of rows would hold its locks and its WAL for the whole run.
/// </summary>
public static class PruneLogsHandler
{
    public static async Task<PruneLogsResult> Handle(PruneLogs command, IDocumentStore store, IOptions<LogRetentionOptions> options,
        ManagedRangePartitions months, TimeProvider clock, ILogger<PruneLogs> logger, CancellationToken ct)
    {
        // The weekly run also rolls the monthly window on, so a hub that is never restarted has its coming months
        // before it needs them (the DEFAULT partition would take their rows meanwhile, and then block their creation).
        if (!command.DryRun)
        {
            foreach (var failed in (await store.Advanced.RollPartitionsForwardAsync(ct)).Where(s => s.Status != PartitionMigrationStatus.Complete))
                logger.LogWarning("Log retention: the coming months of {Table} could not all be created ({Status}); the usual cause is records " +
                                  "dated in such a month already kept in its DEFAULT partition (a sender's clock ahead): db-assert names the missing month",
                    failed.Identifier, failed.Status);
        }
        var pruner = new LogPruner(store, options.Value, months.Policy);
        var plan = pruner.Plan(clock.GetUtcNow());
        var result = command.DryRun ? await pruner.CountAsync(plan, ct) : await pruner.DeleteAsync(plan, progress: null, ct);
        logger.LogInformation("Log retention{DryRun}: {Successful} successful logs before {SuccessCutoff:u} and {Expired} logs before {AllCutoff:u} {Verb}; whole months dropped: {DroppedPartitions}",
            command.DryRun ? " (dry run)" : "", result.Successful, result.SuccessCutoff, result.Expired, result.AllCutoff,
            command.DryRun ? "would be deleted" : "deleted", result.DroppedPartitions.Count == 0 ? "none" : string.Join(", ", result.DroppedPartitions));
        return result;
    }
}

/// <summary>
/// The weekly run of <see cref="PruneLogs"/>, for the hub's shared schedule to register (the Logs module
/// keeps no scheduler of its own): Sundays at 03:00 Moscow time.
/// </summary>
public static class LogRetentionSchedule
{
    public const string Name = "log-retention";
    public const string Cron = "0 3 * * 0";
    public const string TimeZone = "Europe/Moscow";

    public static PruneLogs Message() => new(DryRun: false);
}
