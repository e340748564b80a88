using System.Text.Json;
using Hub.Contracts.Notifications;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Wolverine;
using Wolverine.Marten.Publishing;
using Wolverine.Runtime;

namespace Hub.Outbox.Deliveries;

/// <summary>
/// Makes the delivery view agree with Wolverine's own dead letters. Wolverine parks a message in its transaction and the
/// hub records the parking right after, in another; if the database goes away between the two for longer than the record's
/// retries, the order would show "retrying" for good while Wolverine holds it parked. This finds every order message in
/// <c>wolverine_dead_letters</c> whose delivery does not say parked and appends the parking with Wolverine's reason and
/// envelope, with the notices a parking sends (the run may end; the notifications speak). Every half a minute on a
/// serving hub; idempotent, and safe on several nodes (a second append for the same order finds it parked and does nothing).
/// </summary>
public sealed class ParkedOrderReconciler(IWolverineRuntime runtime, IDocumentStore store, TimeProvider clock, ILogger<ParkedOrderReconciler> logger)
    : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(30);

    /// <summary>A parking younger than this may still be being recorded by the failure policy (its record retries ~35 s).</summary>
    public static readonly TimeSpan Settled = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var found = await ReconcileAsync(runtime, store, clock, stoppingToken);
                if (found > 0) logger.LogWarning("{Count} parked orders were missing from the delivery view and are recorded now", found);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database is likely down again; the next tick tries again.
                logger.LogDebug(ex, "Reconciling parked orders failed");
            }
        }
    }

    private sealed record Parked(Guid EnvelopeId, Guid OrderId, string MessageType, string ExceptionType, string Reason, DateTimeOffset At);

    /// <summary>One pass; returns how many parkings it recorded.</summary>
    public static async Task<int> ReconcileAsync(IWolverineRuntime runtime, IDocumentStore store, TimeProvider clock, CancellationToken ct,
        TimeSpan? settled = null)
    {
        var parked = await ReadDeadLettersAsync(store, settled ?? Settled, ct);
        if (parked.Count == 0) return 0;
        var recorded = 0;
        await using (var query = store.QuerySession())
        {
            var views = (await query.LoadManyAsync<Delivery>(ct, parked.Select(p => p.OrderId).ToArray())).ToDictionary(d => d.Id);
            parked = parked.Where(p => !views.TryGetValue(p.OrderId, out var d) || d.State is DeliveryState.Queued or DeliveryState.Retrying).ToList();
        }

        foreach (var p in parked)
        {
            var context = new MessageContext(runtime);
            await using var session = ((OutboxedSessionFactory)runtime.Services.GetService(typeof(OutboxedSessionFactory))!).OpenSession(context);
            // The stream's version is checked at commit: a node or a late record that parked it meanwhile wins, and this one stops.
            var stream = await session.Events.FetchForWriting<Delivery>(p.OrderId, ct);
            if (stream.Aggregate is not { State: DeliveryState.Queued or DeliveryState.Retrying } view || view.RunId == Guid.Empty) continue;
            var system = view.ExternalSystem;
            stream.AppendOne(new OrderDeadLettered(p.OrderId, view.RunId, system, view.Attempts, p.EnvelopeId, p.ExceptionType, p.Reason, p.At));
            await context.PublishAsync(new OrderDeliveryChanged(view.RunId, p.OrderId, DeliveryState.Parked, clock.GetUtcNow()));
            await context.PublishAsync(new OrderParked(view.RunId, p.OrderId, system, p.Reason, p.At));
            await session.SaveChangesAsync(ct);
            runtime.Services.GetRequiredService<Hub.Contracts.Logging.IIntegrationLogWriter>()
                .Write(DeliveryRecords.Parked(p.OrderId, view.RunId, system, view.Attempts, p.ExceptionType, p.Reason));
            recorded++;
        }

        return recorded;
    }

    private static async Task<List<Parked>> ReadDeadLettersAsync(IDocumentStore store, TimeSpan settled, CancellationToken ct)
    {
        var found = new List<Parked>();
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        // Wolverine's message storage lives in the schema the host names (Program.cs: MessageStorageSchemaName = "wolverine").
        await using var command = new NpgsqlCommand(
            "select id, message_type, body, coalesce(exception_type, ''), coalesce(exception_message, ''), coalesce(failed_at, sent_at, now()) " +
            "from wolverine.wolverine_dead_letters where (message_type like '%SendTransferOrder' or message_type like '%SendCustomerOrder') " +
            "and coalesce(failed_at, sent_at, now()) <= now() - $1 limit 1000", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = settled });
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var orderId = OrderIdOf(reader.GetFieldValue<byte[]>(2));
            if (orderId is null) continue;
            found.Add(new Parked(reader.GetGuid(0), orderId.Value, reader.GetString(1), reader.GetString(3), reader.GetString(4),
                reader.GetFieldValue<DateTimeOffset>(5)));
        }

        return found;
    }

    /// <summary>
    /// The order id in a dead letter's body: Wolverine stores the whole envelope (its headers in a binary frame, the message
    /// as JSON inside it), so the first JSON object that names an order id is the message.
    /// </summary>
    public static Guid? OrderIdOf(byte[] body)
    {
        for (var start = Array.IndexOf(body, (byte)'{'); start >= 0; start = Array.IndexOf(body, (byte)'{', start + 1))
        {
            try
            {
                var reader = new Utf8JsonReader(body.AsSpan(start));
                using var json = JsonDocument.ParseValue(ref reader);
                foreach (var property in json.RootElement.EnumerateObject())
                    if (property.Name.Replace("_", "").Equals("orderid", StringComparison.OrdinalIgnoreCase) && property.Value.TryGetGuid(out var id))
                        return id;
            }
            catch (JsonException)
            {
                // Not JSON from here: a '{' inside the binary frame.
            }
        }

        return null;
    }
}
