using Alba;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace Hub.Tests.Infrastructure;

/// <summary>
/// One Alba host per test collection on its own database: Wolverine in solo mode with external
/// transports off. Tests call <see cref="ResetAsync"/> first so each starts from empty tables.
/// </summary>
public abstract class HubFixture : IAsyncLifetime
{
    public IAlbaHost Host { get; private set; } = null!;
    public string ConnectionString { get; private set; } = "";
    protected abstract string DatabaseName { get; }

    /// <summary>Extra settings a collection needs, as configuration keys.</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        ConnectionString = await TestDatabase.CreateAsync(DatabaseName);
        Host = await AlbaHost.For<Program>(builder =>
        {
            builder.UseSetting("ConnectionStrings:Hub", ConnectionString);
            foreach (var (key, value) in Settings) builder.UseSetting(key, value);
            builder.ConfigureServices(services =>
            {
                services.RunWolverineInSoloMode();
                services.DisableAllExternalWolverineTransports();
            });
        });
    }

    public IDocumentStore Store => Host.Services.GetRequiredService<IDocumentStore>();

    public async Task ResetAsync()
    {
        await Store.Advanced.Clean.DeleteAllDocumentsAsync();
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
    }
}
