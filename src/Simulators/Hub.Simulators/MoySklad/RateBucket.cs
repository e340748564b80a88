namespace Hub.Simulators.MoySklad;

// A fixed window per credential that opens with its first request: simple to reason about in tests,
// and it produces the same headers and 429s a client of the real leaky bucket has to handle.
public sealed class RateBucket(int units, TimeSpan window, TimeProvider time)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, (long Start, int Used)> windows = new(StringComparer.Ordinal);

    public RateDecision TryConsume(string key, int cost)
    {
        var now = time.GetTimestamp();
        lock (gate)
        {
            var current = Current(key, now);
            if (current.Used + cost > units)
            {
                windows[key] = current;
                return Decision(false, current, now);
            }

            current.Used += cost;
            windows[key] = current;
            return Decision(true, current, now);
        }
    }

    public RateDecision Peek(string key)
    {
        var now = time.GetTimestamp();
        lock (gate)
        {
            var current = Current(key, now);
            return Decision(false, current, now);
        }
    }

    private (long Start, int Used) Current(string key, long now) =>
        windows.TryGetValue(key, out var current) && time.GetElapsedTime(current.Start, now) < window ? current : (now, 0);

    private RateDecision Decision(bool allowed, (long Start, int Used) current, long now)
    {
        var left = window - time.GetElapsedTime(current.Start, now);
        // Never advertise 0 ms to a client we are refusing: it would retry in a tight loop.
        var resetMs = Math.Max(1, (long)Math.Ceiling(left.TotalMilliseconds));
        return new RateDecision(allowed, units, Math.Max(0, units - current.Used), (long)window.TotalMilliseconds, resetMs);
    }
}
