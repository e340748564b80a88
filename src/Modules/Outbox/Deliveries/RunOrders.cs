using Hub.Contracts.Outbox;
using Hub.Contracts.Replenishment;
using Marten;
using Npgsql;
using Marten.Linq.MatchesSql;
using Marten.Storage;

namespace Hub.Outbox.Deliveries;

/// <summary>The Outbox's side of <see cref="IRunOrders"/>: a run's orders and their counts, read from the delivery view.</summary>
public sealed class RunOrders(IDocumentStore store) : IRunOrders
{
    public async Task<IReadOnlyList<RunOrder>> ListAsync(Guid runId, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var deliveries = await session.Query<Delivery>().Where(d => d.RunId == runId).ToListAsync(ct);
        // The order of the ids, as the pages have it: version 7 UUIDs, so the order they were planned in, to the millisecond.
        return deliveries.OrderBy(d => d.Id).Select(d => d.ToRunOrder()).ToArray();
    }

    public async Task<RunOrdersPage> PageAsync(Guid runId, DeliveryState? state, Guid? after, int pageSize, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var query = session.Query<Delivery>().Where(d => d.RunId == runId);
        if (state is { } s) query = query.Where(d => d.State == s);
        // Keyset on the id: the (run_id, state) index narrows to the run, and a page never skips or repeats an order that changes state.
        if (after is { } a) query = query.Where(d => d.MatchesSql("d.id > ?", a));
        var page = await query.OrderBy(d => d.Id).Take(pageSize + 1).ToListAsync(ct);
        var counts = (await CountAsync([runId], ct)).GetValueOrDefault(runId) ?? RunOrderCounts.None;
        var items = page.Take(pageSize).Select(d => d.ToRunOrder()).ToArray();
        return new RunOrdersPage(items, counts, page.Count > pageSize ? items[^1].Id.ToString() : null);
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
                DeliveryState.Queued or DeliveryState.Replayed => c with { Total = c.Total + n, Open = c.Open + n, Waiting = c.Waiting + n },
                _ => c with { Total = c.Total + n, Open = c.Open + n },
            } : c with { Total = c.Total + n, Open = c.Open + n };
        }

        return counts;
    }
}
