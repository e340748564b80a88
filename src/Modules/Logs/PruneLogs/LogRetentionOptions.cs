namespace Hub.Logs.PruneLogs;

/// <summary>Settings of log retention, section "Logs:Retention" (requirements §3: 90 days for successes, 180 for everything).</summary>
public sealed class LogRetentionOptions
{
    /// <summary>Logs with status success older than this many days are deleted.</summary>
    public int SuccessDays { get; set; } = 90;

    /// <summary>Every log older than this many days is deleted.</summary>
    public int AllDays { get; set; } = 180;

    /// <summary>
    /// Whether the overall limit is taken back to the first day of the month it falls in, so that everything older goes
    /// by dropping whole months and no row is deleted one by one for it (logs are then kept up to a month longer than
    /// <see cref="AllDays"/>). Off by default: the limit is then exact, and a weekly run deletes the week past it in the
    /// month at the limit row by row, so by the time that month is dropped most of its rows are gone already.
    /// </summary>
    public bool WholeMonths { get; set; }

    /// <summary>Rows deleted per transaction: small enough that a batch holds its locks for milliseconds.</summary>
    public int BatchSize { get; set; } = 5000;

    /// <summary>Pause between batches, so ingestion and queries get the database in between.</summary>
    public int PauseMilliseconds { get; set; } = 50;

    /// <summary>The first problem with the settings, or null.</summary>
    public string? Problem() =>
        SuccessDays < 1 ? "Logs:Retention:SuccessDays must be at least 1"
        : AllDays < 1 ? "Logs:Retention:AllDays must be at least 1"
        : BatchSize is < 1 or > 100_000 ? "Logs:Retention:BatchSize must be between 1 and 100000"
        : PauseMilliseconds < 0 ? "Logs:Retention:PauseMilliseconds must not be negative"
        : null;
}
