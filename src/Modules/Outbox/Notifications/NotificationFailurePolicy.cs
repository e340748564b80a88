using Hub.Contracts.Logging;
using JasperFx;
using JasperFx.CodeGeneration;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using Wolverine.Configuration;
using Wolverine.ErrorHandling;
using Wolverine.Runtime;
using Wolverine.Runtime.Handlers;

namespace Hub.Outbox.Notifications;

/// <summary>
/// How a notification fails: a channel that does not answer, answers 5xx or 429 is tried again on the configured delays with
/// jitter, durably scheduled; a refusal (a wrong token, an unknown chat, a 4xx from the webhook) and a failure that outlasts
/// the delays park the message in Wolverine's dead letters, with an ERROR integration log naming the channel and the reason.
/// </summary>
public sealed class NotificationFailurePolicy(NotificationOptions options) : IHandlerPolicy
{
    public void Apply(IReadOnlyList<HandlerChain> chains, GenerationRules rules, IServiceContainer container)
    {
        foreach (var chain in chains.Where(c => c.MessageType == typeof(SendNotification)))
        {
            chain.OnException<NotificationFailedException>(e => e.IsTransient)
                .ScheduleRetry(options.RetryDelays).WithBoundedJitter(0.25)
                .Then.MoveToErrorQueue().And(LogParkedAsync, "log the parking");
            chain.OnException<Exception>().MoveToErrorQueue().And(LogParkedAsync, "log the parking");
        }
    }

    private static ValueTask LogParkedAsync(IWolverineRuntime runtime, IEnvelopeLifecycle lifecycle, Exception ex)
    {
        if (lifecycle.Envelope?.Message is SendNotification message)
            runtime.Services.GetRequiredService<IIntegrationLogWriter>().Write(new LogEntry
            {
                ProcessName = NotificationSender.Process, Step = message.Body.Event, Action = "send_" + message.Channel.ToString().ToLowerInvariant(),
                ExternalSystem = message.Channel.ToString().ToLowerInvariant(), Level = LogLevels.Error, Status = "failed",
                Message = $"{message.Channel} notification ({message.Body.Event}) parked after {lifecycle.Envelope.Attempts} attempt(s): {ex.Message}",
                RunId = message.Body.RunId?.ToString(), RequestId = message.Id.ToString(),
            });
        return ValueTask.CompletedTask;
    }
}
