using Hub.Simulators.Faults;
using Hub.Simulators.MoySklad;
using Hub.Simulators.OneC;
using Hub.Simulators.State;

namespace Hub.Simulators;

public sealed class RunningSimulator : IAsyncDisposable
{
    private readonly WebApplication app;
    private int disposed;

    internal RunningSimulator(WebApplication app, Uri baseAddress, SimulatorOptions options, SimulatorState state, SimulatorFaults faults)
    {
        this.app = app;
        BaseAddress = baseAddress;
        Options = options;
        State = state;
        Faults = faults;
    }

    // Always ends with '/', so relative URIs such as "api/remap/1.2/entity/store" combine as expected.
    public Uri BaseAddress { get; }

    public Uri MoySkladBaseAddress => new(BaseAddress, MoySkladApi.Prefix.TrimStart('/') + "/");

    public Uri OneCBaseAddress => new(BaseAddress, ODataApi.Marker.TrimStart('/') + "/");

    public SimulatorOptions Options { get; }

    public SimulatorState State { get; }

    public SimulatorFaults Faults { get; }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0) return;
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
