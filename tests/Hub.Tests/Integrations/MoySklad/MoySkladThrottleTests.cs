using Hub.Integrations.MoySklad;
using Hub.Tests.Infrastructure;

namespace Hub.Tests.Integrations.MoySklad;

/// <summary>The throttle's bookkeeping on a clock the test moves by hand.</summary>
public sealed class MoySkladThrottleTests
{
    private static readonly MoySkladOptions TwoPerSecond = new() { BucketUnits = 2, WindowSeconds = 1, WindowMarginMs = 0, MaxParallel = 5 };

    [Fact]
    public async Task a_request_holds_its_units_while_unanswered_and_for_a_whole_window_after_its_answer()
    {
        var clock = new ManualClock();
        var throttle = new MoySkladThrottle(TwoPerSecond, clock);
        var first = await throttle.EnterAsync(1, CancellationToken.None);
        using var second = await throttle.EnterAsync(1, CancellationToken.None);

        var third = throttle.EnterAsync(1, CancellationToken.None);
        await clock.SettleAsync(third);
        // Long past the window since it was sent, but the server may have counted it only now: still held.
        clock.Advance(TimeSpan.FromSeconds(5));
        await clock.SettleAsync(third);
        Assert.False(third.IsCompleted);

        first.Dispose();
        clock.Advance(TimeSpan.FromMilliseconds(100));
        await clock.SettleAsync(third);
        Assert.False(third.IsCompleted);

        clock.Advance(TimeSpan.FromSeconds(1));
        using var entered = await third.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task a_pause_after_a_429_holds_every_caller_until_it_ends()
    {
        var clock = new ManualClock();
        var throttle = new MoySkladThrottle(TwoPerSecond, clock);

        throttle.PauseFor(TimeSpan.FromSeconds(2));
        var waiting = throttle.EnterAsync(1, CancellationToken.None);
        await clock.SettleAsync(waiting);
        clock.Advance(TimeSpan.FromSeconds(1.9));
        await clock.SettleAsync(waiting);
        Assert.False(waiting.IsCompleted);

        clock.Advance(TimeSpan.FromSeconds(0.2));
        using var entered = await waiting.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
