using Hub.Contracts.Scheduling;
using Marten;
using Marten.Schema;
using Wolverine.Marten;

namespace Hub.Replenishment.Schedule;

/// <summary>The last occurrence of one schedule and what it did, keyed by the schedule's name; stored as it is told.</summary>
public sealed class LastOccurrence
{
    public string Id { get; set; } = "";
    public DateTimeOffset Occurrence { get; set; }
    public string Outcome { get; set; } = "";
    public string Detail { get; set; } = "";
    public Guid? RunId { get; set; }
    public DateTimeOffset At { get; set; }

    public static void ConfigureMarten(DocumentMapping<LastOccurrence> map) => map.Alias = "schedule_last_occurrence";

    public static LastOccurrence From(ScheduleOccurred told) => new()
    {
        Id = told.Schedule, Occurrence = told.Occurrence, Outcome = told.Outcome, Detail = told.Detail, RunId = told.RunId, At = told.At,
    };
}

/// <summary>Keeps each schedule's latest occurrence; an older one told late (a retry, another node) changes nothing.</summary>
public static class ScheduleOccurredHandler
{
    public static Task<LastOccurrence?> LoadAsync(ScheduleOccurred told, IDocumentSession session, CancellationToken ct) =>
        session.LoadAsync<LastOccurrence>(told.Schedule, ct);

    public static IMartenOp Handle(ScheduleOccurred told, LastOccurrence? known) =>
        known is not null && (known.Occurrence, known.At).CompareTo((told.Occurrence, told.At)) > 0
            ? MartenOps.Nothing()
            : MartenOps.Store(LastOccurrence.From(told));
}
