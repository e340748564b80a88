namespace Hub.Contracts.Scheduling;

/// <summary>
/// What one occurrence of a recurring job did, told by the module whose job it is: the schedules' page and API show each
/// schedule's last one. <see cref="RunId"/> is the run it started, or for a skipped one the run that blocked it.
/// </summary>
public sealed record ScheduleOccurred(string Schedule, DateTimeOffset Occurrence, string Outcome, string Detail, Guid? RunId, DateTimeOffset At);

public static class ScheduleOutcomes
{
    /// <summary>A run was started (it then goes its own way: its page says how it ended).</summary>
    public const string Started = "started";
    /// <summary>Nothing was started, on purpose (a run still in progress); the detail says why.</summary>
    public const string Skipped = "skipped";
    /// <summary>The occurrence itself failed (the database, a bug); the detail says with what.</summary>
    public const string Failed = "failed";
    /// <summary>A job that is not a run did its work (the digest); the detail says what.</summary>
    public const string Done = "done";
}
