using Hub.Simulators.State;
using Hub.Tests.Infrastructure;

namespace Hub.Tests.Integrations.MoySklad;

/// <summary>
/// The process-wide throttle against the simulator's real limits (45 units per 3 s, 5 in flight): many callers at
/// once must queue on our side instead of collecting 429s, which МойСклад punishes with a ban when they persist.
/// </summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task five_hundred_calls_from_twenty_concurrent_callers_all_finish_without_overrunning_the_rate_window()
    {
        await using var h = await ClientHarness.StartAsync();
        var stores = h.Sim.State.Catalogue.Stores.Count();

        var callers = Enumerable.Range(0, 20).Select(_ => Task.Run(async () =>
        {
            var results = new List<int>();
            for (var i = 0; i < 25; i++) results.Add((await h.MoySklad.GetStoresAsync(CancellationToken.None)).Count);
            return results;
        }));
        var counts = (await Task.WhenAll(callers)).SelectMany(r => r).ToList();

        Assert.Equal(500, counts.Count);
        Assert.All(counts, c => Assert.Equal(stores, c));
        var log = h.Sim.State.Requests.MoySklad.Log;
        // The rate window is never overrun, not even in the first window, where a cold connection delays the first arrival.
        Assert.DoesNotContain(log, e => e.ErrorCode == 1049);
        var firstWindowEnds = log.Min(e => e.ReceivedAt) + h.Sim.Options.RateWindow;
        var refusedLater = log.Where(e => e.Status == 429 && e.ReceivedAt >= firstWindowEnds).ToList();
        Assert.True(refusedLater.Count == 0,
            $"429 after the first window: {string.Join(", ", refusedLater.Select(e => $"#{e.Sequence} code {e.ErrorCode} at {e.ReceivedAt:HH:mm:ss.fff}"))}");
        Assert.Equal(500 + log.Count(e => e.Status == 429), log.Count);
        Assert.All(log, e => Assert.Equal(RequestOutcome.Answered, e.Outcome));
    }
}
