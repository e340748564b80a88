using Hub.Contracts.Logging;
using Hub.Contracts.Notifications;
using Hub.Contracts.Replenishment;
using Hub.Integrations.Http;
using JasperFx.CodeGeneration;
using JasperFx;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Hub.Integrations.Resilience;
using Wolverine;
using Wolverine.Configuration;
using Wolverine.ErrorHandling;
using Wolverine.Marten.Publishing;
using Wolverine.Runtime;
using Wolverine.Runtime.Handlers;

namespace Hub.Outbox.Deliveries;

/// <summary>
/// How an order message fails. The database going away is retried until it is back and never parks anything. A transient
/// error of 1C or МойСклад (5xx, 429, no answer) is retried on the configured delays with jitter, durably scheduled in
/// Wolverine's inbox; anything else, and a transient error that outlasts the delays, parks the message in Wolverine's dead
/// letters. Each retry and parking is appended to the order's stream, so an operator sees "waiting for a retry" and
/// "parked" with the reason; a success is appended in the attempt's own transaction.
/// </summary>
public sealed class DeliveryFailurePolicy(OutboxOptions options) : IHandlerPolicy
{
    public void Apply(IReadOnlyList<HandlerChain> chains, GenerationRules rules, IServiceContainer container)
    {
        var delays = options.RetryDelays;
        foreach (var chain in chains.Where(c => c.MessageType == typeof(SendTransferOrder) || c.MessageType == typeof(SendCustomerOrder)))
        {
            // First: a chain's own rules come before the global ones, and the catch-all below would park a database blip.
            // The attempt's transaction is gone with the database; the order may have been created, and the retry finds it
            // by its marker in 1C or its syncId in МойСклад.
            TransientDatabase.Retry(chain.OnException(TransientDatabase.Matches, "the database went away for a moment"));
            chain.OnException(IsTransient, "transient: 5xx, 429, no answer")
                .ScheduleRetry(delays).WithBoundedJitter(0.25)
                .And((runtime, lifecycle, ex) => RecordAsync(runtime, lifecycle, ex, DeliveryState.Retrying, delays), "record the retry")
                .Then.MoveToErrorQueue()
                .And((runtime, lifecycle, ex) => RecordAsync(runtime, lifecycle, ex, DeliveryState.Parked, delays), "record the parking");
            chain.OnException<Exception>()
                .MoveToErrorQueue()
                .And((runtime, lifecycle, ex) => RecordAsync(runtime, lifecycle, ex, DeliveryState.Parked, delays), "record the parking");
        }
    }

    public static bool IsTransient(Exception ex) => ex switch
    {
        ExternalApiException api => api.IsTransient,
        TimeoutException or HttpRequestException => true,
        _ when TransientDatabase.Matches(ex) => true,
        _ => false,
    };

    private static async ValueTask RecordAsync(IWolverineRuntime runtime, IEnvelopeLifecycle lifecycle, Exception ex, DeliveryState state, TimeSpan[] delays)
    {
        var envelope = lifecycle.Envelope;
        if (envelope?.Message is not { } message || !DeliveryRecords.IsOrder(message)) return;

        var (orderId, runId, system) = DeliveryRecords.Describe(message);
        var clock = runtime.Services.GetRequiredService<TimeProvider>();
        var now = clock.GetUtcNow();
        IOrderEvent outcome = state == DeliveryState.Retrying
            ? new OrderRetrying(orderId, runId, system, envelope.Attempts, envelope.Id, ex.GetType().Name, ex.Message,
                now + delays[Math.Clamp(envelope.Attempts - 1, 0, delays.Length - 1)], now)
            : new OrderDeadLettered(orderId, runId, system, envelope.Attempts, envelope.Id, ex.GetType().Name, ex.Message, now);
        // The failed attempt's own transaction is gone; this one appends the outcome to the order's stream with the notices
        // it causes. The database that failed the attempt may be the reason: the record is tried again for half a minute.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var context = new MessageContext(runtime);
                await using var session = runtime.Services.GetRequiredService<OutboxedSessionFactory>().OpenSession(context);
                var known = await session.Events.FetchStreamStateAsync(orderId) is not null;
                DeliveryRecords.Outcome(known, message, outcome).Execute(session);
                await context.PublishAsync(new OrderDeliveryChanged(runId, orderId, state, now));
                if (state == DeliveryState.Parked) await context.PublishAsync(new OrderParked(runId, orderId, system, ex.Message, now));
                await session.SaveChangesAsync();
                if (state == DeliveryState.Parked)
                    runtime.Services.GetRequiredService<IIntegrationLogWriter>()
                        .Write(DeliveryRecords.Parked(orderId, runId, system, envelope.Attempts, ex.GetType().Name, ex.Message));
                return;
            }
            catch (Exception failure) when (attempt < RecordAttempts.Length + 1 && IsTransient(failure))
            {
                await Task.Delay(RecordAttempts[attempt - 1], clock);
            }
        }
    }

    private static readonly TimeSpan[] RecordAttempts =
        [TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5),
         TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(15)];
}
