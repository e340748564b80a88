using System.Collections.Concurrent;

namespace Hub.Simulators.State;

public sealed class SystemRequestCounters
{
    // Enough for the longest test run; a simulator left running keeps only the newest requests.
    public const int LogCapacity = 100_000;

    private readonly ConcurrentDictionary<int, long> byStatus = new();
    private readonly Lock logGate = new();
    private readonly Queue<RecordedRequest> log = new();
    private long sequence;
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

    // In the order requests ended; Sequence numbers them so a test can tell what it has already seen.
    public IReadOnlyList<RecordedRequest> Log
    {
        get { lock (logGate) return log.ToArray(); }
    }

    internal void Record(Func<long, RecordedRequest> make)
    {
        lock (logGate)
        {
            log.Enqueue(make(++sequence));
            if (log.Count > LogCapacity) log.Dequeue();
        }
    }

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
        lock (logGate)
        {
            log.Clear();
            sequence = 0;
        }
    }
}
