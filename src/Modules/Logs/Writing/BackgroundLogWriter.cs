using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Hub.Contracts.Logging;
using Hub.Logs.Domain;
using Marten;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Weasel.Core;

namespace Hub.Logs.Writing;

/// <summary>
/// The hub's log writer: <see cref="Write"/> normalises and queues in memory (bounded) and returns at
/// once; a background loop commits batches with Marten's bulk COPY. Ids are assigned before queueing and
/// the insert ignores duplicates, so a batch retried after an ambiguous failure lands exactly once.
/// </summary>
public sealed class BackgroundLogWriter : BackgroundService, IIntegrationLogWriter
{
    private readonly Channel<IntegrationLog> _queue;
    private readonly IDocumentStore _store;
    private readonly LogWriterOptions _options;
    private readonly ILogger<BackgroundLogWriter> _logger;
    private readonly TimeProvider _clock;
    private long _enqueued, _written, _dropped, _settled, _failures, _quarantined;
    private string? _lastError;
    private DateTimeOffset? _lastErrorAt, _lastFlushAt;

    private readonly LogWriterMetrics? _metrics;

    public BackgroundLogWriter(IDocumentStore store, IOptions<LogWriterOptions> options, ILogger<BackgroundLogWriter> logger, TimeProvider? clock = null,
        IMeterFactory? meters = null)
    {
        _metrics = meters is null ? null : new LogWriterMetrics(meters, Status);
        _store = store;
        _options = options.Value;
        _logger = logger;
        _clock = clock ?? TimeProvider.System;
        // Wait mode makes TryWrite return false when full, which is where a drop is counted.
        _queue = Channel.CreateBounded<IntegrationLog>(new BoundedChannelOptions(Math.Max(1, _options.Capacity))
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true
        });
    }

    public Guid? Write(LogEntry entry)
    {
        try
        {
            var record = LogNormalizer.Normalize(entry, Guid.CreateVersion7(), _clock.GetUtcNow());
            if (_queue.Writer.TryWrite(record))
            {
                Interlocked.Increment(ref _enqueued);
                return record.Id;
            }
        }
        catch (Exception ex)
        {
            // The caller's work must go on whatever happened here; the failure is visible in /health/ready.
            Remember(ex);
        }
        Interlocked.Increment(ref _dropped);
        return null;
    }

    public async Task FlushAsync(CancellationToken cancellation = default)
    {
        // Command-line runs build the host without starting hosted services: then the caller drains the queue itself.
        if (!_running)
        {
            var batch = new List<IntegrationLog>(_options.BatchSize);
            do
            {
                Fill(batch);
                await CommitWithRetryAsync(batch, cancellation);
            } while (_queue.Reader.Count > 0);
            return;
        }
        var target = Interlocked.Read(ref _enqueued);
        while (Interlocked.Read(ref _settled) < target)
            await Task.Delay(10, cancellation);
    }

    public LogWriterStatus Status() => new(
        Queued: _queue.Reader.Count,
        Capacity: _options.Capacity,
        Written: Interlocked.Read(ref _written),
        Dropped: Interlocked.Read(ref _dropped),
        ConsecutiveFailures: Interlocked.Read(ref _failures),
        Quarantined: Interlocked.Read(ref _quarantined),
        LastError: _lastError,
        LastErrorAt: _lastErrorAt,
        LastFlushAt: _lastFlushAt);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _running = true;
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                Fill(_batch);
                await CommitWithRetryAsync(_batch, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown: StopAsync drains what is left, starting with the batch still in hand.
        }
    }

    // The batch being committed; only the background loop touches it until StopAsync drains it after the loop ended.
    private readonly List<IntegrationLog> _batch = [];
    private volatile bool _running;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        _queue.Writer.TryComplete();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(_options.ShutdownFlushSeconds));
        var batch = _batch;
        try
        {
            do
            {
                Fill(batch);
                if (batch.Count == 0) break;
                await CommitWithRetryAsync(batch, deadline.Token);
            } while (true);
        }
        catch (OperationCanceledException)
        {
            var lost = batch.Count + _queue.Reader.Count;
            while (_queue.Reader.TryRead(out _)) { }
            Interlocked.Add(ref _dropped, lost);
            Interlocked.Add(ref _settled, lost);
            _logger.LogError("Log writer: {Count} integration logs could not be written before shutdown and were dropped", lost);
        }
    }

    private void Fill(List<IntegrationLog> batch)
    {
        while (batch.Count < _options.BatchSize && _queue.Reader.TryRead(out var record))
            batch.Add(record);
    }

    private async Task CommitWithRetryAsync(List<IntegrationLog> batch, CancellationToken token)
    {
        if (batch.Count == 0) return;
        var delay = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            try
            {
                try
                {
                    await _store.BulkInsertAsync(batch, BulkInsertMode.IgnoreDuplicates, batchSize: batch.Count, cancellation: token);
                }
                catch (Exception ex) when (LogWriteFailure.IsDataError(ex))
                {
                    // Retrying the same batch could never succeed: find the records PostgreSQL refuses and set them aside.
                    await CommitSplittingAsync(batch, token);
                }
                Interlocked.Add(ref _written, batch.Count);
                _metrics?.Committed(batch.Count);
                Interlocked.Add(ref _settled, batch.Count);
                if (Interlocked.Exchange(ref _failures, 0) > 0)
                    _logger.LogInformation("Log writer: database reachable again, writing resumed");
                _lastFlushAt = _clock.GetUtcNow();
                batch.Clear();
                return;
            }
            catch (Exception ex) when (!token.IsCancellationRequested)
            {
                // One line with the reason, never the SQL (Marten's exceptions carry the whole statement).
                if (Interlocked.Increment(ref _failures) == 1)
                    _logger.LogWarning("Log writer: cannot write integration logs ({Reason}); keeping {Count} queued and retrying",
                        LogWriteFailure.Describe(ex), batch.Count + _queue.Reader.Count);
                Remember(ex);
                await Task.Delay(delay, token);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, _options.MaxRetryDelaySeconds * 1000));
            }
        }
    }

    /// <summary>
    /// Halves a refused batch until each refused record stands alone (log2 of the batch in round trips per bad record);
    /// the good halves are committed, each refused record is replaced by a quarantine record. Duplicates are ignored, so
    /// a half committed before a transient failure is not written twice when the whole batch is retried.
    /// </summary>
    private async Task CommitSplittingAsync(List<IntegrationLog> records, CancellationToken token)
    {
        if (records.Count == 1)
        {
            await QuarantineAsync(records[0], token);
            return;
        }
        var middle = records.Count / 2;
        foreach (var half in new[] { records[..middle], records[middle..] })
        {
            try
            {
                await _store.BulkInsertAsync(half, BulkInsertMode.IgnoreDuplicates, batchSize: half.Count, cancellation: token);
            }
            catch (Exception ex) when (LogWriteFailure.IsDataError(ex))
            {
                await CommitSplittingAsync(half, token);
            }
        }
    }

    private async Task QuarantineAsync(IntegrationLog refused, CancellationToken token)
    {
        var reason = "";
        try
        {
            await _store.BulkInsertAsync([refused], BulkInsertMode.IgnoreDuplicates, cancellation: token);
            return;
        }
        catch (Exception ex) when (LogWriteFailure.IsDataError(ex))
        {
            reason = LogWriteFailure.Describe(ex);
        }
        Interlocked.Increment(ref _quarantined);
        _lastError = $"record {refused.Id} quarantined: {reason}";
        _lastErrorAt = _clock.GetUtcNow();
        try
        {
            await _store.BulkInsertAsync([Quarantine(refused, reason)], BulkInsertMode.IgnoreDuplicates, cancellation: token);
        }
        catch (Exception ex) when (LogWriteFailure.IsDataError(ex))
        {
            // Not even the plain stand-in could be stored: counted as dropped, never retried.
            Interlocked.Increment(ref _dropped);
        }
    }

    /// <summary>What is kept of a refused record: when, where and why, in fields that hold nothing a database could refuse.</summary>
    public static IntegrationLog Quarantine(IntegrationLog refused, string reason) => new()
    {
        Id = refused.Id,
        Ts = refused.Ts,
        CreatedAt = refused.CreatedAt,
        ProcessName = Ascii(refused.ProcessName, 200) is { Length: > 0 } p ? p : "(unknown)",
        LogLevel = LogLevels.Warning,
        Status = LogStatuses.Failed,
        Step = "quarantined",
        Message = $"Quarantined: PostgreSQL refused this record ({Ascii(reason, 500)}). Original message: {Ascii(refused.Message, 2000)}",
        RunId = refused.RunId,
        RequestId = refused.RequestId,
        JobId = refused.JobId,
        ExternalSystem = Ascii(refused.ExternalSystem, 100),
        Sanitized = ["record: quarantined, only its message kept"],
    };

    // Letters, digits and punctuation of any script survive; control characters and lone surrogates do not.
    private static string? Ascii(string? text, int max)
    {
        if (text is null) return null;
        var clean = new string(text.Where(c => !char.IsControl(c) && !char.IsSurrogate(c)).Take(max).ToArray());
        return clean;
    }

    private void Remember(Exception ex)
    {
        _lastError = CredentialScrubber.ScrubText(ex.GetBaseException().Message);
        _lastErrorAt = _clock.GetUtcNow();
    }
}
