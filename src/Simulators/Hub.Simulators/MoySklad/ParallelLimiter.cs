using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Hub.Simulators.MoySklad;

public sealed class ParallelLimiter(int maxParallel)
{
    private readonly ConcurrentDictionary<string, StrongBox<int>> inFlight = new(StringComparer.Ordinal);

    public IDisposable? TryEnter(string key)
    {
        var counter = inFlight.GetOrAdd(key, _ => new StrongBox<int>());
        if (Interlocked.Increment(ref counter.Value) <= maxParallel) return new Slot(counter);
        Interlocked.Decrement(ref counter.Value);
        return null;
    }

    private sealed class Slot(StrongBox<int> counter) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0) Interlocked.Decrement(ref counter.Value);
        }
    }
}
