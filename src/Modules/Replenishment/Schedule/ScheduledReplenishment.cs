using Hub.Contracts.Logging;
using Hub.Replenishment.Runs;
using Hub.Replenishment.StartRun;
using Marten;
using Microsoft.Extensions.Logging;
using Wolverine;
using Wolverine.Marten;

namespace Hub.Replenishment.Schedule;

/// <summary>One occurrence of the weekday schedule; the occurrence time keeps two firings apart.</summary>
public sealed record ScheduledReplenishment(DateTimeOffset Occurrence)
{
    public const string ScheduleName = "replenishment";
}

/// <summary>Starts the scheduled run for every warehouse, or records why it did not (a run still in progress).</summary>
public static class ScheduledReplenishmentHandler
{
    public static Task<IReadOnlyList<ReplenishmentRun>> LoadAsync(ScheduledReplenishment occurrence, IDocumentSession session, CancellationToken ct) =>
        StartReplenishmentHandler.LoadAsync(new StartReplenishment(RunTrigger.Schedule, null, false), session, ct);

    public static (IMartenOp, OutgoingMessages) Handle(ScheduledReplenishment occurrence, IReadOnlyList<ReplenishmentRun> active,
        TimeProvider clock, IIntegrationLogWriter logs, ILogger<ScheduledReplenishment> logger)
    {
        var (outcome, op, messages) = StartReplenishmentHandler.Handle(new StartReplenishment(RunTrigger.Schedule, null, false), active, clock);
        if (outcome.Conflict is { } running)
        {
            var text = $"Scheduled run of {occurrence.Occurrence:u} skipped: run {running.Id} is still in progress";
            logger.LogWarning("{Text}", text);
            logs.Write(new LogEntry
            {
                ProcessName = "internal_replenishment", Step = "schedule", JobName = ScheduledReplenishment.ScheduleName,
                Level = LogLevels.Warning, Status = "skipped", Message = text, RunId = running.Id.ToString(),
            });
        }
        else logger.LogInformation("Scheduled run {RunId} started for the occurrence of {Occurrence:u}", outcome.StartedRunId, occurrence.Occurrence);

        return (op, messages);
    }
}
