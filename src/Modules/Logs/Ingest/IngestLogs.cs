using Hub.Contracts.Logging;
using Hub.Logs.Domain;
using Hub.Logs.Writing;
using Wolverine.Marten;

namespace Hub.Logs.Ingest;

/// <summary>A validated batch to store in one transaction.</summary>
public sealed record IngestLogs(IReadOnlyList<LogEntry> Entries);

public sealed record IngestLogsResponse(IReadOnlyList<Guid> Ids, int Count);

/// <summary>Stores a posted batch all-or-nothing; the caller hears back only after the commit.</summary>
public static class IngestLogsHandler
{
    public static (IngestLogsResponse, IMartenOp) Handle(IngestLogs command, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var records = command.Entries.Select(e => LogNormalizer.Normalize(e, Guid.CreateVersion7(), now)).ToArray();
        return (new IngestLogsResponse(records.Select(r => r.Id).ToArray(), records.Length), MartenOps.StoreMany(records));
    }
}
