using Hub.Contracts.Logging;
using Hub.Logs.Domain;
using Hub.Logs.Writing;
using Marten;
using Weasel.Core;

namespace Hub.Tests.Logs.ExportLogs;

/// <summary>Many realistic logs at once, through the writer's own normalisation and Marten's bulk COPY.</summary>
public static class ExportSeed
{
    public static async Task<int> BulkAsync(IDocumentStore store, int count, DateTimeOffset? start = null)
    {
        var t0 = start ?? new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero);
        var filler = string.Concat(Enumerable.Repeat("позиция в дефиците; ", 40));
        foreach (var chunk in Enumerable.Range(0, count).Chunk(5000))
        {
            var docs = chunk.Select(i => LogNormalizer.Normalize(new LogEntry
            {
                Ts = t0.AddSeconds(i),
                ProcessName = "internal_replenishment",
                Step = "deficit_analysis",
                Status = i % 10 == 0 ? LogStatuses.Failed : LogStatuses.Success,
                ExternalSystem = i % 2 == 0 ? "moysklad" : "1c",
                Message = $"Строка {i}: остаток на складе «Бестужевых»",
                ElapsedMs = i % 5000,
                Details = new { i, note = filler },
            }, Guid.CreateVersion7(), t0.AddSeconds(i))).ToList();
            await store.BulkInsertAsync(docs, BulkInsertMode.InsertsOnly);
        }
        return count;
    }
}
