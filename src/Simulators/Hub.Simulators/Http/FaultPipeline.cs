using Hub.Simulators.Faults;
using Hub.Simulators.State;

namespace Hub.Simulators.Http;

// The fault steps both simulators share: delay before, and hang or drop after the handler's side effect.
public static class FaultPipeline
{
    public static async Task DelayAsync(FaultSettings faults, CancellationToken ct)
    {
        if (faults.LatencyMs > 0) await Task.Delay(faults.LatencyMs, ct);
    }

    // Returns true when the response must not be written.
    public static async Task<bool> SwallowAsync(HttpContext context, FaultPlan plan, FaultSettings faults, SystemRequestCounters counters, CancellationToken ct)
    {
        if (plan.Timeout)
        {
            counters.CountTimeout();
            try
            {
                await Task.Delay(faults.TimeoutMs, ct);
            }
            catch (OperationCanceledException)
            {
                // The client gave up or the simulator is stopping; either way the answer is never sent.
            }

            RequestTrace.Swallowed(context, RequestOutcome.TimedOut);
            context.Abort();
            return true;
        }

        if (plan.Drop)
        {
            counters.CountDrop();
            RequestTrace.Swallowed(context, RequestOutcome.Dropped);
            context.Abort();
            return true;
        }

        return false;
    }
}
