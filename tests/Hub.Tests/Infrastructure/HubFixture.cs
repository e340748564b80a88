using Alba;
using Hub.Host.Security;
using Hub.Logs.Rollup;
using Marten;
using Npgsql;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace Hub.Tests.Infrastructure;

/// <summary>
/// One Alba host per test collection on its own database: Wolverine in solo mode with external
/// transports off. Tests call <see cref="ResetAsync"/> first so each starts from empty tables.
/// Every host has one key per role (<see cref="TestKeys"/>); a scenario sends the admin key unless it
/// says otherwise (<see cref="TestKeys.WithKey"/>, <see cref="TestKeys.WithoutKey"/>), since what each role
/// may do is the access tests' subject, not every test's.
/// </summary>
public abstract class HubFixture : IAsyncLifetime
{
    public IAlbaHost Host { get; private set; } = null!;
    public string ConnectionString { get; private set; } = "";
    protected abstract string DatabaseName { get; }

    /// <summary>Extra settings a collection needs, as configuration keys.</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    /// <summary>Starts what the host's settings point at (a simulator) before the host is built.</summary>
    protected virtual Task StartDependenciesAsync() => Task.CompletedTask;

    protected virtual Task StopDependenciesAsync() => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        await StartDependenciesAsync();
        ConnectionString = await TestDatabase.CreateAsync(DatabaseName);
        Host = await StartHostAsync(ConnectionString, Settings);
        Host.SendingAdminKeyByDefault();
    }

    /// <summary>
    /// The hub in process on this database, as every test host is built: the test keys, then the extra settings,
    /// Wolverine in solo mode with external transports off. Sends no key by default.
    /// </summary>
    public static Task<IAlbaHost> StartHostAsync(string connectionString, IDictionary<string, string?> settings,
        Action<IServiceCollection>? services = null) =>
        AlbaHost.For<Program>(builder =>
        {
            builder.UseSetting("ConnectionStrings:Hub", connectionString);
            builder.UseTestKeys();
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
            builder.ConfigureServices(s =>
            {
                s.RunWolverineInSoloMode();
                s.DisableAllExternalWolverineTransports();
                services?.Invoke(s);
            });
        });

    /// <summary>A plain HTTP client on the test server, with this key (or none); it bypasses the scenario defaults.</summary>
    public HttpClient Client(string? key = null)
    {
        var client = Host.Server.CreateClient();
        if (key is not null) client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.HeaderName, key);
        return client;
    }

    public IDocumentStore Store => Host.Services.GetRequiredService<IDocumentStore>();

    public async Task ResetAsync()
    {
        await Store.Advanced.Clean.DeleteAllDocumentsAsync();
        // A retention test drops whole months of the log table; the next test class starts with the full window again.
        await Store.Advanced.RollPartitionsForwardAsync(CancellationToken.None);
        // The log rollups outlive deleted logs on purpose (stats of pruned periods stay), so a test empties them itself.
        var schema = Store.Options.DatabaseSchemaName;
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            $"truncate {schema}.{LogRollupSchema.HourlyTable}, {schema}.{LogRollupSchema.ElapsedTable}, {schema}.{LogRollupSchema.DailyTable}, {schema}.{LogRollupSchema.DailyElapsedTable}", conn);
        await cmd.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await StopDependenciesAsync();
    }
}
