namespace Hub.Simulators.Http;

// Hanging requests wait on this too, so disposing a simulator never waits out a 30 s fault timeout.
public sealed class SimulatorLifetime(IHostApplicationLifetime lifetime)
{
    public CancellationToken Stopping => lifetime.ApplicationStopping;

    public CancellationTokenSource Link(HttpContext context) =>
        CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
}
