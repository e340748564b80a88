using Hub.Integrations.Http;
namespace Hub.Integrations.MoySklad;

/// <summary>
/// The one gate every МойСклад call in the process passes: at most N requests in flight and at most
/// BucketUnits units in any window (a sliding log, stricter than the server's bucket whatever its phase),
/// and a shared pause when the server says 429 so no caller keeps hammering it (200 429s a minute is a ban).
/// </summary>
/// <remarks>
/// A request counts against the window from when it is sent until a window after its answer came back. The
/// server counts it when it arrives, somewhere in between; a cold connection (TLS, a first request) can make that
/// hundreds of milliseconds after we sent it, and a log stamped at sending then let a burst overrun the server's
/// window. Stamped at the answer, every request the server has counted is still in our log.
/// </remarks>
public sealed class MoySkladThrottle
{
    private readonly SemaphoreSlim _parallel;
    private readonly List<Spend> _spent = [];
    private readonly Lock _gate = new();
    private readonly TimeProvider _clock;
    private readonly int _capacity;
    private readonly TimeSpan _window;
    private long _pausedUntil;

    /// <summary>How often a caller looks again while the units it needs are held by requests still awaiting their answer.</summary>
    private static readonly TimeSpan InFlightPoll = TimeSpan.FromMilliseconds(20);

    private readonly IntegrationsTelemetry? _telemetry;

    public MoySkladThrottle(MoySkladOptions options, TimeProvider? clock = null, IntegrationsTelemetry? telemetry = null)
    {
        _telemetry = telemetry;
        _clock = clock ?? TimeProvider.System;
        _capacity = Math.Max(1, options.BucketUnits);
        _window = TimeSpan.FromSeconds(options.WindowSeconds) + TimeSpan.FromMilliseconds(options.WindowMarginMs);
        _parallel = new SemaphoreSlim(Math.Max(1, options.MaxParallel));
    }

    /// <summary>Waits for a parallel slot and for room in the window; dispose the result when the answer (or the failure) is in.</summary>
    public async Task<IDisposable> EnterAsync(int units, CancellationToken ct)
    {
        var started = _clock.GetTimestamp();
        var waited = !_parallel.Wait(0);
        if (waited) await _parallel.WaitAsync(ct);
        try
        {
            while (true)
            {
                var (wait, spend) = TryTake(units);
                if (spend is not null)
                {
                    if (waited) _telemetry?.ThrottleWaited(_clock.GetElapsedTime(started));
                    return new Release(this, spend);
                }
                waited = true;
                await Task.Delay(wait, _clock, ct);
            }
        }
        catch
        {
            _parallel.Release();
            throw;
        }
    }

    /// <summary>The server said wait (429 with X-Lognex-Retry-After): every caller waits that long.</summary>
    public void PauseFor(TimeSpan delay)
    {
        _telemetry?.RateLimited();
        var until = _clock.GetTimestamp() + (long)(delay.TotalSeconds * _clock.TimestampFrequency);
        lock (_gate)
            if (until > _pausedUntil) _pausedUntil = until;
    }

    private (TimeSpan Wait, Spend? Taken) TryTake(int units)
    {
        lock (_gate)
        {
            var now = _clock.GetTimestamp();
            if (_pausedUntil > now) return (_clock.GetElapsedTime(now, _pausedUntil), null);
            var windowTicks = (long)(_window.TotalSeconds * _clock.TimestampFrequency);
            _spent.RemoveAll(s => s.AnsweredAt is { } at && now - at >= windowTicks);
            var used = _spent.Sum(s => s.Units);
            if (used + units <= _capacity || _spent.Count == 0)
            {
                var spend = new Spend(units);
                _spent.Add(spend);
                return (TimeSpan.Zero, spend);
            }
            // Room comes when the oldest answered spending leaves the window; spending still in flight frees nothing yet.
            var free = _capacity - used;
            foreach (var s in _spent.Where(s => s.AnsweredAt is not null).OrderBy(s => s.AnsweredAt))
            {
                free += s.Units;
                if (free >= units) return (_clock.GetElapsedTime(now, s.AnsweredAt!.Value + windowTicks) + TimeSpan.FromMilliseconds(1), null);
            }
            return (InFlightPoll, null);
        }
    }

    private void Answered(Spend spend)
    {
        lock (_gate) spend.AnsweredAt = _clock.GetTimestamp();
        _parallel.Release();
    }

    private sealed class Spend(int units)
    {
        public int Units { get; } = units;
        public long? AnsweredAt { get; set; }
    }

    private sealed class Release(MoySkladThrottle throttle, Spend spend) : IDisposable
    {
        private int _done;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) throttle.Answered(spend);
        }
    }
}
