using System.Collections.Concurrent;
using Hub.Contracts.Logging;

namespace Hub.Tests.Infrastructure;

/// <summary>Keeps what clients log, for tests of the clients alone; the real writer is tested against PostgreSQL in Logs/Writing.</summary>
public sealed class RecordingLogWriter : IIntegrationLogWriter
{
    public ConcurrentQueue<LogEntry> Entries { get; } = new();

    public Guid? Write(LogEntry entry)
    {
        Entries.Enqueue(entry);
        return Guid.NewGuid();
    }

    public Task FlushAsync(CancellationToken cancellation = default) => Task.CompletedTask;
}
