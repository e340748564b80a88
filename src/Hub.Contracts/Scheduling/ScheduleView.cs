namespace Hub.Contracts.Scheduling;

// Read by the schedules API in the host and by the admin pages; built by the Replenishment module, beside the hub's one recurring message so far.
/// <summary>
/// A recurring message as an operator sees it: when it fires next, in its own time zone, whether it is paused, and what its
/// last occurrence did (null when nothing was recorded yet, or the job does not record its occurrences).
/// </summary>
public sealed record ScheduleView(string Name, string Cron, string TimeZone, string MessageType, bool Paused,
    DateTimeOffset? NextOccurrence, string? NextOccurrenceLocal, DateTimeOffset? PausedAt, LastOccurrenceView? LastOccurrence);

/// <summary>
/// One occurrence and its outcome: started (with the run, and how that run stands now), skipped and why (with the run that
/// blocked it), failed and with what, or done.
/// </summary>
public sealed record LastOccurrenceView(DateTimeOffset Occurrence, string OccurrenceLocal, string Outcome, string Detail, Guid? RunId, string? RunStatus);

/// <summary>What the hub's recurring messages look like to an operator; the admin pages read them through this.</summary>
public interface ISchedules
{
    Task<IReadOnlyList<ScheduleView>> ListAsync(CancellationToken ct);
}
