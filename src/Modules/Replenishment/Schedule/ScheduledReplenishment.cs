using Hub.Contracts.Logging;
using Hub.Contracts.Scheduling;
using Hub.Replenishment.Runs;
using Hub.Replenishment.StartRun;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Marten;
using Wolverine.Runtime;
using Wolverine.Runtime.Handlers;

namespace Hub.Replenishment.Schedule;

/// <summary>One occurrence of the weekday schedule; the occurrence time keeps two firings apart.</summary>
public sealed record ScheduledReplenishment(DateTimeOffset Occurrence)
{
    public const string ScheduleName = "replenishment";
}

/// <summary>
/// Starts the scheduled run for every warehouse, or records why it did not (a run still in progress); either way the
/// schedule's last occurrence says which, with the run. An occurrence that fails is recorded as failed, with an ERROR log.
/// </summary>
public static class ScheduledReplenishmentHandler
{
    public const string Process = "internal_replenishment";

    public static void Configure(HandlerChain chain) =>
        chain.OnException<Exception>().MoveToErrorQueue().And(RecordFailureAsync, "record the failed occurrence");

    public static Task<ActiveAndRecent> LoadAsync(ScheduledReplenishment occurrence, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        StartReplenishmentHandler.LoadAsync(new StartReplenishment(RunTrigger.Schedule, null, false), session, clock, ct);

    public static (IMartenOp, OutgoingMessages) Handle(ScheduledReplenishment occurrence, ActiveAndRecent active,
        TimeProvider clock, IIntegrationLogWriter logs, ILogger<ScheduledReplenishment> logger)
    {
        var (outcome, op, messages) = StartReplenishmentHandler.Handle(new StartReplenishment(RunTrigger.Schedule, null, false), active, clock);
        if (outcome.Conflict is { } running)
        {
            var reason = $"run {running.Id} (scope {running.Scope}, {running.Status}, requested {running.RequestedAt:u}) is still in progress";
            var text = $"Scheduled run of {occurrence.Occurrence:u} skipped: {reason}";
            logger.LogWarning("{Text}", text);
            logs.Write(new LogEntry
            {
                ProcessName = Process, Step = "schedule", JobName = ScheduledReplenishment.ScheduleName,
                Level = LogLevels.Warning, Status = "skipped", Message = text, RunId = running.Id.ToString(),
            });
            messages.Add(new ScheduleOccurred(ScheduledReplenishment.ScheduleName, occurrence.Occurrence, ScheduleOutcomes.Skipped, reason, running.Id, clock.GetUtcNow()));
        }
        else
        {
            logger.LogInformation("Scheduled run {RunId} started for the occurrence of {Occurrence:u}", outcome.StartedRunId, occurrence.Occurrence);
            messages.Add(new ScheduleOccurred(ScheduledReplenishment.ScheduleName, occurrence.Occurrence, ScheduleOutcomes.Started,
                $"run {outcome.StartedRunId} started", outcome.StartedRunId, clock.GetUtcNow()));
        }
        return (op, messages);
    }

    // The occurrence's own transaction is gone; this writes its record and log on their own. A lost race with an identical
    // trigger (the unique active scope) is a skip, not a failure.
    private static async ValueTask RecordFailureAsync(IWolverineRuntime runtime, IEnvelopeLifecycle lifecycle, Exception ex)
    {
        if (lifecycle.Envelope?.Message is not ScheduledReplenishment occurrence) return;
        var raced = IsUniqueViolation(ex);
        var reason = raced ? "another run for every warehouse was started at the same moment" : $"{ex.GetType().Name}: {ex.Message.Split('\n')[0]}";
        var text = $"Scheduled run of {occurrence.Occurrence:u} {(raced ? "skipped" : "failed")}: {reason}";
        runtime.Services.GetRequiredService<IIntegrationLogWriter>().Write(new LogEntry
        {
            ProcessName = Process, Step = "schedule", JobName = ScheduledReplenishment.ScheduleName,
            Level = raced ? LogLevels.Warning : LogLevels.Error, Status = raced ? "skipped" : "failed", Message = text, ErrorMessage = raced ? null : ex.Message,
        });
        try
        {
            await using var session = runtime.Services.GetRequiredService<IDocumentStore>().LightweightSession();
            session.Store(LastOccurrence.From(new ScheduleOccurred(ScheduledReplenishment.ScheduleName, occurrence.Occurrence,
                raced ? ScheduleOutcomes.Skipped : ScheduleOutcomes.Failed, reason, null, runtime.Services.GetRequiredService<TimeProvider>().GetUtcNow())));
            await session.SaveChangesAsync();
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException)
        {
            // The database that failed the occurrence cannot take its record either; the log above waits for it in memory.
        }
    }

    private static bool IsUniqueViolation(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
            if (ex is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation }) return true;
        return false;
    }
}
