using Hub.Contracts.Logging;
using Hub.Logs.Domain;
using Hub.Logs.Partitions;
using Marten;
using Marten.Storage;
using Npgsql;
using Weasel.Core.Partitioning;

namespace Hub.Logs.PruneLogs;

/// <summary>The cutoffs of one run, fixed at its start so a long run deletes by one rule throughout.</summary>
public sealed record PrunePlan(DateTimeOffset SuccessCutoff, DateTimeOffset AllCutoff);

/// <summary>
/// Applies the retention rule: status success and ts before the success cutoff, or any status and ts before
/// the overall cutoff. First every month's partition that ends at or before the overall cutoff is detached and
/// dropped whole (its rows counted first): at tens of millions of rows a month is then a catalogue change, not a
/// rewrite of the table and its indexes. What is left (the month the cutoff falls in, the successes between the
/// two cutoffs, rows in the DEFAULT partition) is deleted in batches of <see cref="LogRetentionOptions.BatchSize"/> rows, each its own
/// short transaction found through the (status, ts) and (ts, id) indexes, skipping rows another transaction
/// holds, with a pause in between: ingestion and queries never wait on the prune for more than one batch.
/// The stats of the deleted periods stay: the rollups count inserts only.
/// </summary>
public sealed class LogPruner
{
    private readonly IDocumentStore _store;
    private readonly LogRetentionOptions _options;
    private readonly RollingWindowPolicy _months;

    /// <param name="months">The policy that named the table's monthly partitions (the store's, see <see cref="LogPartitions"/>).</param>
    public LogPruner(IDocumentStore store, LogRetentionOptions options, RollingWindowPolicy months)
    {
        if (options.Problem() is { } problem) throw new InvalidOperationException(problem);
        _store = store;
        _options = options;
        _months = months;
    }

    /// <summary>How long a detach waits for the table's lock before it gives way and tries again: it must never hold up ingestion behind a long export.</summary>
    private const int LockWaitMilliseconds = 2000;

    /// <summary>Attempts of one month's detach before the prune leaves that month to the row-by-row deletes.</summary>
    private const int DetachAttempts = 5;

    private string Table => $"{_store.Options.DatabaseSchemaName}.{IntegrationLogMapping.TableName}";

    public PrunePlan Plan(DateTimeOffset now)
    {
        var all = now.AddDays(-_options.AllDays);
        if (_options.WholeMonths) all = _months.StartOfPeriod(all);
        return new(now.AddDays(-_options.SuccessDays), all);
    }

    // The two rules as disjoint sets, so each record is counted once and under one rule.
    private const string ExpiredRule = "d.ts < $1";
    private static readonly string SuccessfulRule = $"d.status = '{LogStatuses.Success}' and d.ts < $2 and d.ts >= $1";

    public async Task<PruneLogsResult> CountAsync(PrunePlan plan, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = Command(connection,
            $"select (select count(*) from {Table} d where {SuccessfulRule}), (select count(*) from {Table} d where {ExpiredRule})", plan);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new PruneLogsResult(true, plan.SuccessCutoff, plan.AllCutoff, reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>Deletes what the plan says; <paramref name="progress"/> hears the running totals after each batch.</summary>
    public async Task<PruneLogsResult> DeleteAsync(PrunePlan plan, Action<PruneLogsResult>? progress, CancellationToken ct)
    {
        long successful = 0, expired = 0;
        await using var connection = await OpenAsync(ct);
        var dropped = new List<string>();
        await foreach (var (partition, rows) in DropExpiredMonthsAsync(connection, plan, ct))
        {
            expired += rows;
            dropped.Add(partition);
            progress?.Invoke(new PruneLogsResult(false, plan.SuccessCutoff, plan.AllCutoff, successful, expired) { DroppedPartitions = dropped.ToArray() });
        }
        foreach (var (rule, isExpired) in new[] { (ExpiredRule, true), (SuccessfulRule, false) })
        {
            while (true)
            {
                await using var command = Command(connection, $"""
                    with doomed as (select d.id, d.ts from {Table} d where {rule} order by d.ts limit {_options.BatchSize} for update skip locked)
                    delete from {Table} t using doomed where t.id = doomed.id and t.ts = doomed.ts
                    """, plan);
                var deleted = await command.ExecuteNonQueryAsync(ct);
                if (isExpired) expired += deleted; else successful += deleted;
                progress?.Invoke(new PruneLogsResult(false, plan.SuccessCutoff, plan.AllCutoff, successful, expired) { DroppedPartitions = dropped.ToArray() });
                if (deleted < _options.BatchSize) break;
                if (_options.PauseMilliseconds > 0) await Task.Delay(_options.PauseMilliseconds, ct);
            }
        }
        return new PruneLogsResult(false, plan.SuccessCutoff, plan.AllCutoff, successful, expired) { DroppedPartitions = dropped.ToArray() };
    }

    /// <summary>
    /// Detaches and drops each monthly partition that ends at or before the overall cutoff, oldest first, and says how many
    /// rows each held. Every row of such a month is past the overall limit, so all of them count as expired, as the
    /// row-by-row rule would have counted them. Only the detach takes the table's lock, for a moment, in a transaction of
    /// its own; it waits at most <see cref="LockWaitMilliseconds"/> for it (a long export or search holds it) and tries again, so
    /// ingestion never queues behind it for longer. The rows are counted and the table dropped after it, when nothing can
    /// write to it any more; a month left detached by a prune that stopped in between is found by its name and dropped
    /// by the next. A month it cannot detach is left to the row-by-row deletes.
    /// </summary>
    // Each month is yielded as soon as it is gone, so the progress a caller shows follows the drops one by one.
    private async IAsyncEnumerable<(string Partition, long Rows)> DropExpiredMonthsAsync(NpgsqlConnection connection, PrunePlan plan,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var schema = _store.Options.DatabaseSchemaName;
        var months = new List<(string Name, DateTimeOffset From, bool Attached)>();
        await using (var list = new NpgsqlCommand("""
            select c.relname, i.inhparent is not null from pg_class c
            join pg_namespace n on n.oid = c.relnamespace
            left join pg_inherits i on i.inhrelid = c.oid
            where n.nspname = $1 and c.relkind = 'r' and starts_with(c.relname, $2)
            """, connection))
        {
            list.Parameters.Add(new NpgsqlParameter { Value = schema });
            list.Parameters.Add(new NpgsqlParameter { Value = IntegrationLogMapping.TableName + "_" });
            await using var reader = await list.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var name = reader.GetString(0);
                if (LogPartitions.TryMonthOf(_months, name, out var from, out var to) && to <= plan.AllCutoff)
                    months.Add((name, from, reader.GetBoolean(1)));
            }
        }

        foreach (var (name, _, attached) in months.OrderBy(m => m.From))
        {
            var partition = $"{schema}.{name}";
            if (attached && !await DetachAsync(connection, partition, ct)) continue;
            if (await CountAndDropAsync(connection, partition, ct) is { } rows) yield return (name, rows);
        }
    }

    /// <summary>The rows of a detached month, then the month dropped; null when another prune (a second node, the CLI) dropped it first.</summary>
    private static async Task<long?> CountAndDropAsync(NpgsqlConnection connection, string partition, CancellationToken ct)
    {
        await using var tx = await connection.BeginTransactionAsync(ct);
        try
        {
            long rows;
            await using (var count = new NpgsqlCommand($"select count(*) from {partition}", connection) { CommandTimeout = 0 })
                rows = (long)(await count.ExecuteScalarAsync(ct))!;
            await Execute(connection, $"drop table {partition}", ct);
            await tx.CommitAsync(ct);
            return rows;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            await tx.RollbackAsync(ct);
            return null;
        }
    }

    private async Task<bool> DetachAsync(NpgsqlConnection connection, string partition, CancellationToken ct)
    {
        for (var attempt = 1; attempt <= DetachAttempts; attempt++)
        {
            await using var tx = await connection.BeginTransactionAsync(ct);
            try
            {
                await Execute(connection, $"set local lock_timeout = '{LockWaitMilliseconds}ms'", ct);
                await Execute(connection, $"alter table {Table} detach partition {partition}", ct);
                await tx.CommitAsync(ct);
                return true;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
            {
                await tx.RollbackAsync(ct);
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), ct);
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.WrongObjectType)
            {
                // Another node's prune, or Marten's own drop of aged months at start, got there first.
                await tx.RollbackAsync(ct);
                return false;
            }
        }
        return false;
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(ct);
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        var connection = _store.Storage.Database.CreateConnection(ConnectionUsage.ReadWrite);
        await connection.OpenAsync(ct);
        return connection;
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, PrunePlan plan)
    {
        var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        command.Parameters.Add(new NpgsqlParameter { Value = plan.AllCutoff.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter { Value = plan.SuccessCutoff.ToUniversalTime() });
        return command;
    }
}
