using System.Diagnostics.Metrics;

namespace Hub.Logs.Writing;

/// <summary>
/// The log writer's own counters (what the Health page shows) as metrics, read when they are collected: records written
/// (their rate is records/s) and dropped, the queue and its capacity; and the size of each batch it commits.
/// </summary>
public sealed class LogWriterMetrics
{
    public const string Name = "Hub.Logs";

    private readonly Histogram<int> _batchSize;

    public LogWriterMetrics(IMeterFactory meters, Func<LogWriterStatus> status)
    {
        var meter = meters.Create(Name);
        meter.CreateObservableCounter("hub.logs.written", () => status().Written, "{record}", "Integration logs written to the database");
        meter.CreateObservableCounter("hub.logs.dropped", () => status().Dropped, "{record}", "Integration logs dropped: the writer's queue was full, or shutdown came first");
        meter.CreateObservableGauge("hub.logs.writer.queue", () => status().Queued, "{record}", "Integration logs waiting in the writer's queue");
        meter.CreateObservableGauge("hub.logs.writer.capacity", () => status().Capacity, "{record}", "The writer's queue capacity (Logs:Writer:Capacity)");
        _batchSize = meter.CreateHistogram<int>("hub.logs.writer.batch.size", "{record}", "Integration logs per committed batch",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 5, 10, 50, 100, 250, 500, 1000, 2500, 5000] });
    }

    public void Committed(int records) => _batchSize.Record(records);
}
