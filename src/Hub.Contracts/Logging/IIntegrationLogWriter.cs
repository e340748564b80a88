namespace Hub.Contracts.Logging;

/// <summary>
/// The one writer every module uses for integration logs. <see cref="Write"/> never throws and never
/// waits on the database: records are queued in memory and committed in batches in the background.
/// </summary>
public interface IIntegrationLogWriter
{
    /// <summary>Queues a record; returns its id, or null when the queue was full and the record was dropped (and counted).</summary>
    Guid? Write(LogEntry entry);

    /// <summary>Waits until every record queued before the call is committed or dropped (shutdown, tests, CLI).</summary>
    Task FlushAsync(CancellationToken cancellation = default);
}
