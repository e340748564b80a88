namespace Hub.Integrations.MoySklad;

/// <summary>
/// The one gate every МойСклад call in the process passes: at most N requests in flight and at most
/// BucketUnits units in any window (a sliding log, stricter than the server's bucket whatever its phase),
/// and a shared pause when the server says 429 so no caller keeps hammering it (200 429s a minute is a ban).
/// </summary>
public sealed class MoySkladThrottle
{
    private readonly SemaphoreSlim _parallel;
    private readonly Queue<(long At, int Units)> _spent = new();
    private readonly Lock _gate = new();
    private readonly TimeProvider _clock;
    private readonly int _capacity;
    private readonly TimeSpan _window;
    private long _pausedUntil;

    public MoySkladThrottle(MoySkladOptions options, TimeProvider? clock = null)
    {
        _clock = clock ?? TimeProvider.System;
        _capacity = Math.Max(1, options.BucketUnits);
        _window = TimeSpan.FromSeconds(options.WindowSeconds) + TimeSpan.FromMilliseconds(options.WindowMarginMs);
        _parallel = new SemaphoreSlim(Math.Max(1, options.MaxParallel));
    }

    public async Task<IDisposable> EnterAsync(int units, CancellationToken ct)
    {
        await _parallel.WaitAsync(ct);
        try
        {
            while (true)
            {
                var wait = TryTake(units);
                if (wait <= TimeSpan.Zero) return new Release(_parallel);
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
        var until = _clock.GetTimestamp() + (long)(delay.TotalSeconds * _clock.TimestampFrequency);
        lock (_gate)
            if (until > _pausedUntil) _pausedUntil = until;
    }

    private TimeSpan TryTake(int units)
    {
        lock (_gate)
        {
            var now = _clock.GetTimestamp();
            if (_pausedUntil > now) return _clock.GetElapsedTime(now, _pausedUntil);
            var windowTicks = (long)(_window.TotalSeconds * _clock.TimestampFrequency);
            while (_spent.Count > 0 && now - _spent.Peek().At >= windowTicks) _spent.Dequeue();
            var used = _spent.Sum(s => s.Units);
            if (used + units <= _capacity || _spent.Count == 0)
            {
                _spent.Enqueue((now, units));
                return TimeSpan.Zero;
            }
            // Wait until enough of the oldest spending leaves the window.
            var free = _capacity - used;
            foreach (var (at, spent) in _spent)
            {
                free += spent;
                if (free >= units) return _clock.GetElapsedTime(now, at + windowTicks) + TimeSpan.FromMilliseconds(1);
            }
            return _window;
        }
    }

    private sealed class Release(SemaphoreSlim semaphore) : IDisposable
    {
        private int _done;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) semaphore.Release();
        }
    }
}
