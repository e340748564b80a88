using Hub.Contracts.Notifications;
using Hub.Contracts.Replenishment;
using Hub.Integrations.Http;
using JasperFx.CodeGeneration;
using JasperFx;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Wolverine;
using Wolverine.Configuration;
using Wolverine.ErrorHandling;
using Wolverine.Marten.Publishing;
using Wolverine.Runtime;
using Wolverine.Runtime.Handlers;

namespace Hub.Outbox.Deliveries;

/// <summary>
/// How an order message fails: a transient error (5xx, 429, no answer, the database briefly gone) is retried on
/// the configured delays with jitter, durably scheduled in Wolverine's inbox; anything else, and a transient error
/// that outlasts the delays, parks the message in Wolverine's dead letters. Each failure is written to the
/// <see cref="Delivery"/> and told to the run, so an operator sees "waiting for a retry" and "parked" with the reason.
/// </summary>
public sealed class DeliveryFailurePolicy(OutboxOptions options) : IHandlerPolicy
{
    public void Apply(IReadOnlyList<HandlerChain> chains, GenerationRules rules, IServiceContainer container)
    {
        var delays = options.RetryDelays;
        foreach (var chain in chains.Where(c => c.MessageType == typeof(SendTransferOrder) || c.MessageType == typeof(SendCustomerOrder)))
        {
            chain.OnException(IsTransient, "transient: 5xx, 429, no answer, database")
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
        NpgsqlException or TimeoutException or HttpRequestException => true,
        _ => false,
    };

    private static async ValueTask RecordAsync(IWolverineRuntime runtime, IEnvelopeLifecycle lifecycle, Exception ex, DeliveryState state, TimeSpan[] delays)
    {
        var envelope = lifecycle.Envelope;
        if (envelope?.Message is not { } message || !DeliveryRecords.IsOrder(message)) return;

        // The failed attempt's own transaction is gone; this one writes the delivery and the run's notice together.
        var context = new MessageContext(runtime);
        await using var session = runtime.Services.GetRequiredService<OutboxedSessionFactory>().OpenSession(context);
        var now = runtime.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var delivery = DeliveryRecords.Attempted(await session.LoadAsync<Delivery>(DeliveryRecords.Describe(message).OrderId), message, envelope, state, now);
        delivery.ExceptionType = ex.GetType().Name;
        delivery.Reason = ex.Message;
        if (state == DeliveryState.Retrying)
            delivery.NextAttemptAt = now + delays[Math.Clamp(envelope.Attempts - 1, 0, delays.Length - 1)];
        session.Store(delivery);
        await context.PublishAsync(delivery.ToChange());
        if (state == DeliveryState.Parked) await context.PublishAsync(new OrderParked(delivery.RunId, delivery.Id, delivery.ExternalSystem, delivery.Reason ?? ex.GetType().Name, now));
        await session.SaveChangesAsync();
    }
}
