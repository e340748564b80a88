using System.Text.Json;
using Hub.Contracts.Logging;
using Hub.Integrations;
using Hub.Integrations.MoySklad;
using Hub.Integrations.OneC;
using Hub.Simulators;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Tests.Infrastructure;

/// <summary>
/// Both typed clients wired exactly as the hub wires them (AddIntegrations), pointed at a simulator of their
/// own over real HTTP, with a <see cref="RecordingLogWriter"/> in place of the database writer.
/// </summary>
public sealed class ClientHarness : IAsyncDisposable
{
    private readonly HttpClient _inspection;

    private ClientHarness(RunningSimulator sim, ServiceProvider services)
    {
        Sim = sim;
        Services = services;
        _inspection = new HttpClient { BaseAddress = sim.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public RunningSimulator Sim { get; }
    public ServiceProvider Services { get; }
    public RecordingLogWriter Logs => (RecordingLogWriter)Services.GetRequiredService<IIntegrationLogWriter>();

    /// <summary>A new typed client, as each outbox message or run would get one.</summary>
    public MoySkladClient MoySklad => Services.GetRequiredService<MoySkladClient>();
    public OneCClient OneC => Services.GetRequiredService<OneCClient>();

    /// <summary>The settings an operator would write for this simulator; a null value removes a setting.</summary>
    public static Dictionary<string, string?> SettingsFor(RunningSimulator sim) => new()
    {
        ["MoySklad:BaseUrl"] = sim.MoySkladBaseAddress.ToString(),
        ["MoySklad:Token"] = sim.Options.MoySkladToken,
        // Both kinds of credential, as operators often leave them: the token wins; tests remove it to use the login.
        ["MoySklad:Login"] = sim.Options.MoySkladLogin,
        ["MoySklad:Password"] = sim.Options.MoySkladPassword,
        ["MoySklad:OrganizationName"] = "ООО Симулятор",
        ["MoySklad:CounterpartyName"] = "Поставщик по умолчанию",
        ["MoySklad:StoreName"] = "Бестужевых",
        ["OneC:BaseUrl"] = sim.BaseAddress.ToString().TrimEnd('/'),
        ["OneC:User"] = sim.Options.OneCUser,
        ["OneC:Password"] = sim.Options.OneCPassword,
        // The simulated base has three priorities, as real ones do; its one organization is found without a setting.
        ["OneC:TransferOrder:Priority"] = "Средний",
    };

    public static async Task<ClientHarness> StartAsync(Action<SimulatorOptions>? simulator = null, Action<Dictionary<string, string?>>? settings = null)
    {
        // A small catalogue keeps each start cheap; paging tests ask for more.
        var options = new SimulatorOptions { ItemCount = 40 };
        simulator?.Invoke(options);
        var sim = await SimulatorServer.StartAsync(options);
        var values = SettingsFor(sim);
        settings?.Invoke(values);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values.Where(v => v.Value is not null)).Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddSingleton<IIntegrationLogWriter>(new RecordingLogWriter())
            .AddIntegrations(configuration)
            .BuildServiceProvider();
        return new ClientHarness(sim, services);
    }

    /// <summary>Reads an inspection endpoint of the simulator (no auth, no faults).</summary>
    public async Task<JsonElement> InspectAsync(string path)
    {
        var text = await _inspection.GetStringAsync(path);
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.Clone();
    }

    /// <summary>Waits for something the simulator counts; the test's own timeout bounds it, nothing is asserted on time.</summary>
    public static async Task UntilAsync(Func<bool> condition, string what)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!condition())
        {
            if (limit.IsCancellationRequested) throw new TimeoutException($"still waiting for: {what}");
            await Task.Delay(10, CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _inspection.Dispose();
        await Services.DisposeAsync();
        await Sim.DisposeAsync();
    }
}
