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
    private long _enqueued, _written, _dropped, _settled, _failures;
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
                await _store.BulkInsertAsync(batch, BulkInsertMode.IgnoreDuplicates, batchSize: batch.Count, cancellation: token);
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
                if (Interlocked.Increment(ref _failures) == 1)
                    _logger.LogWarning("Log writer: cannot write integration logs ({Reason}); keeping {Count} queued and retrying", ex.Message, batch.Count + _queue.Reader.Count);
                Remember(ex);
                await Task.Delay(delay, token);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, _options.MaxRetryDelaySeconds * 1000));
            }
        }
    }

    private void Remember(Exception ex)
    {
        _lastError = CredentialScrubber.ScrubText(ex.GetBaseException().Message);
        _lastErrorAt = _clock.GetUtcNow();
    }
}

public sealed record LogWriterStatus(
    int Queued, int Capacity, long Written, long Dropped, long ConsecutiveFailures,
    string? LastError, DateTimeOffset? LastErrorAt, DateTimeOffset? LastFlushAt);
