namespace Hub.Integrations.Http;

/// <summary>Exponential backoff with jitter for in-client retries of idempotent calls, so callers that failed together do not retry together.</summary>
public static class RetryDelay
{
    public static Task WaitAsync(int attempt, TimeProvider clock, CancellationToken ct) =>
        Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5000, 200 * Math.Pow(2, attempt)) * (0.5 + Random.Shared.NextDouble())), clock, ct);
}
