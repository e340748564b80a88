using Hub.Contracts.Outbox;
using Hub.Contracts.Replenishment;
using Marten;
using Npgsql;
using Marten.Storage;

namespace Hub.Outbox.Deliveries;

/// <summary>The Outbox's side of <see cref="IRunOrders"/>: a run's orders and their counts, read from the delivery view.</summary>
public sealed class RunOrders(IDocumentStore store) : IRunOrders
{
    public async Task<IReadOnlyList<RunOrder>> ListAsync(Guid runId, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var deliveries = await session.Query<Delivery>().Where(d => d.RunId == runId).ToListAsync(ct);
        // Planned order ids are version 7 Guids, so their order is the plan's.
        return deliveries.OrderBy(d => d.QueuedAt).ThenBy(d => d.Id).Select(d => d.ToRunOrder()).ToArray();
    }

    public async Task<IReadOnlyList<Guid>> IdsAsync(Guid runId, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await session.Query<Delivery>().Where(d => d.RunId == runId).Select(d => d.Id).ToListAsync(ct);
    }

    public async Task<IReadOnlyDictionary<Guid, RunOrderCounts>> CountAsync(IReadOnlyCollection<Guid> runIds, CancellationToken ct)
    {
        var counts = new Dictionary<Guid, RunOrderCounts>();
        if (runIds.Count == 0) return counts;
        var table = $"{store.Options.DatabaseSchemaName}.{Delivery.TableName}";
        await using var connection = store.Storage.Database.CreateConnection(ConnectionUsage.Read);
        await connection.OpenAsync(ct);
        // One row per run and state, from the (run_id, state) index: the run's end and the runs list count without loading orders.
        await using var command = new NpgsqlCommand($"select run_id, state, count(*) from {table} where run_id = any($1) group by run_id, state", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = runIds.ToArray() });
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var run = reader.GetGuid(0);
            var n = (int)reader.GetInt64(2);
            var c = counts.GetValueOrDefault(run) ?? RunOrderCounts.None;
            counts[run] = Enum.TryParse<DeliveryState>(reader.GetString(1), out var state) ? state switch
            {
                DeliveryState.Sent => c with { Total = c.Total + n, Sent = c.Sent + n },
                DeliveryState.Parked or DeliveryState.Discarded => c with { Total = c.Total + n, Failed = c.Failed + n },
                _ => c with { Total = c.Total + n, Open = c.Open + n },
            } : c with { Total = c.Total + n, Open = c.Open + n };
        }

        return counts;
    }
}
