using Hub.Contracts.Logging;
using Hub.Integrations;
using Hub.Integrations.MoySklad;
using Hub.Simulators;
using Hub.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Tests.Integrations;

/// <summary>The МойСклад client as the hub registers it, against the simulator over real HTTP.</summary>
public sealed class MoySkladClientTests : IAsyncLifetime
{
    private RunningSimulator _sim = null!;
    private ServiceProvider _services = null!;
    private readonly RecordingLogWriter _logs = new();

    public async Task InitializeAsync()
    {
        _sim = await SimulatorServer.StartAsync(new SimulatorOptions());
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MoySklad:BaseUrl"] = _sim.MoySkladBaseAddress.ToString(),
            ["MoySklad:Token"] = _sim.Options.MoySkladToken,
            ["MoySklad:OrganizationName"] = "ООО Симулятор",
            ["MoySklad:CounterpartyName"] = "Поставщик по умолчанию",
            ["MoySklad:StoreName"] = "Бестужевых",
        }).Build();
        _services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddSingleton<IIntegrationLogWriter>(_logs)
            .AddIntegrations(configuration)
            .BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _sim.DisposeAsync();
    }

    [Fact]
    public async Task organization_counterparty_and_store_are_looked_up_once_per_process_not_once_per_order()
    {
        var product = (await _services.GetRequiredService<MoySkladClient>().GetProductsAsync(null, CancellationToken.None)).First();
        var before = _sim.State.Requests.MoySklad.Total;

        // A typed client is a new instance for every resolution, as each outbox message would get.
        for (var i = 0; i < 3; i++)
        {
            var client = _services.GetRequiredService<MoySkladClient>();
            await client.CreateCustomerOrderAsync(new CustomerOrderRequest(Guid.NewGuid(), $"hub-{i}", "test", [new CustomerOrderLine(product.Ref, 2)]), CancellationToken.None);
        }

        Assert.Equal(3, _sim.State.CustomerOrders.Count);
        Assert.Equal(3 + 3, _sim.State.Requests.MoySklad.Total - before);
        Assert.Equal(3, _logs.Entries.Count(e => e.Action == "create_customer_order"));
    }
}
