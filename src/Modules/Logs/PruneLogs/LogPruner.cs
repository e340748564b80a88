using Hub.Contracts.Logging;
using Hub.Logs.Domain;
using Marten;
using Marten.Storage;
using Npgsql;

namespace Hub.Logs.PruneLogs;

/// <summary>The cutoffs of one run, fixed at its start so a long run deletes by one rule throughout.</summary>
public sealed record PrunePlan(DateTimeOffset SuccessCutoff, DateTimeOffset AllCutoff);

/// <summary>
/// Applies the retention rule: status success and ts before the success cutoff, or any status and ts before
/// the overall cutoff. Deletes in batches of <see cref="LogRetentionOptions.BatchSize"/> rows, each its own
/// short transaction found through the (status, ts) and (ts, id) indexes, skipping rows another transaction
/// holds, with a pause in between: ingestion and queries never wait on the prune for more than one batch.
/// The stats of the deleted periods stay: the rollups count inserts only.
/// </summary>
public sealed class LogPruner
{
    private readonly IDocumentStore _store;
    private readonly LogRetentionOptions _options;

    public LogPruner(IDocumentStore store, LogRetentionOptions options)
    {
        if (options.Problem() is { } problem) throw new InvalidOperationException(problem);
        _store = store;
        _options = options;
    }

    private string Table => $"{_store.Options.DatabaseSchemaName}.{IntegrationLogMapping.TableName}";

    public PrunePlan Plan(DateTimeOffset now) => new(now.AddDays(-_options.SuccessDays), now.AddDays(-_options.AllDays));

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
        foreach (var (rule, isExpired) in new[] { (ExpiredRule, true), (SuccessfulRule, false) })
        {
            while (true)
            {
                await using var command = Command(connection, $"""
                    with doomed as (select d.id from {Table} d where {rule} order by d.ts limit {_options.BatchSize} for update skip locked)
                    delete from {Table} t using doomed where t.id = doomed.id
                    """, plan);
                var deleted = await command.ExecuteNonQueryAsync(ct);
                if (isExpired) expired += deleted; else successful += deleted;
                progress?.Invoke(new PruneLogsResult(false, plan.SuccessCutoff, plan.AllCutoff, successful, expired));
                if (deleted < _options.BatchSize) break;
                if (_options.PauseMilliseconds > 0) await Task.Delay(_options.PauseMilliseconds, ct);
            }
        }
        return new PruneLogsResult(false, plan.SuccessCutoff, plan.AllCutoff, successful, expired);
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
