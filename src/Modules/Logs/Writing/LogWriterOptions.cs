namespace Hub.Logs.Writing;

/// <summary>Settings of the background log writer, section "Logs:Writer".</summary>
public sealed class LogWriterOptions
{
    /// <summary>Records held in memory while the database is slow or down; past it new records are dropped and counted.</summary>
    public int Capacity { get; set; } = 100_000;
    /// <summary>Records committed per round trip.</summary>
    public int BatchSize { get; set; } = 1000;
    /// <summary>How long shutdown waits for the queue to drain before counting the rest as dropped.</summary>
    public int ShutdownFlushSeconds { get; set; } = 15;
    /// <summary>The longest pause between retries while the database is unreachable.</summary>
    public int MaxRetryDelaySeconds { get; set; } = 10;
}
