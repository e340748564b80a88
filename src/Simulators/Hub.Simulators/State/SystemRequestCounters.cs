using System.Collections.Concurrent;

namespace Hub.Simulators.State;

public sealed class SystemRequestCounters
{
    private readonly ConcurrentDictionary<int, long> byStatus = new();
    private long total;
    private long rateLimited;
    private long parallelLimited;
    private long injectedErrors;
    private long timeouts;
    private long drops;

    public long Total => Interlocked.Read(ref total);

    public long TooManyRequests => byStatus.GetValueOrDefault(429);

    // Code 1049 answers, including those forced by the Force429 fault.
    public long RateLimited => Interlocked.Read(ref rateLimited);

    // Code 1073 answers.
    public long ParallelLimited => Interlocked.Read(ref parallelLimited);

    public long ServerErrors => byStatus.Where(p => p.Key >= 500).Sum(p => p.Value);

    public long InjectedErrors => Interlocked.Read(ref injectedErrors);

    public long Timeouts => Interlocked.Read(ref timeouts);

    public long Drops => Interlocked.Read(ref drops);

    public IReadOnlyDictionary<int, long> ByStatus => new SortedDictionary<int, long>(byStatus);

    internal void CountRequest() => Interlocked.Increment(ref total);

    internal void CountStatus(int status) => byStatus.AddOrUpdate(status, 1, (_, n) => n + 1);

    internal void CountRateLimited() => Interlocked.Increment(ref rateLimited);

    internal void CountParallelLimited() => Interlocked.Increment(ref parallelLimited);

    internal void CountInjectedError() => Interlocked.Increment(ref injectedErrors);

    internal void CountTimeout() => Interlocked.Increment(ref timeouts);

    internal void CountDrop() => Interlocked.Increment(ref drops);

    internal void Reset()
    {
        byStatus.Clear();
        Interlocked.Exchange(ref total, 0);
        Interlocked.Exchange(ref rateLimited, 0);
        Interlocked.Exchange(ref parallelLimited, 0);
        Interlocked.Exchange(ref injectedErrors, 0);
        Interlocked.Exchange(ref timeouts, 0);
        Interlocked.Exchange(ref drops, 0);
    }
}
