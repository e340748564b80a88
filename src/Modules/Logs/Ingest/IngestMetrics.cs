using System.Diagnostics.Metrics;

namespace Hub.Logs.Ingest;

/// <summary>
/// Logs posted by other services (JSON or Seq's CLEF), counted per committed batch: records (their rate is records/s)
/// and batch size. The hub's own logs go through the background writer, which <see cref="Writing.LogWriterMetrics"/> counts.
/// </summary>
public sealed class IngestMetrics
{
    private readonly Counter<long> _records;
    private readonly Histogram<int> _batchSize;

    public IngestMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(Writing.LogWriterMetrics.Name);
        _records = meter.CreateCounter<long>("hub.logs.ingested", "{record}", "Integration logs posted to the API (JSON or CLEF) and stored");
        _batchSize = meter.CreateHistogram<int>("hub.logs.ingest.batch.size", "{record}", "Integration logs per posted batch",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 5, 10, 50, 100, 250, 500, 1000] });
    }

    /// <summary>Called after the batch's COPY committed, so a refused batch counts nothing.</summary>
    public void Stored(int count)
    {
        if (count == 0) return;
        _records.Add(count);
        _batchSize.Record(count);
    }
}
