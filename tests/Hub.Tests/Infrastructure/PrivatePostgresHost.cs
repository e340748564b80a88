using Alba;

namespace Hub.Tests.Infrastructure;

/// <summary>
/// The hub in process (Alba) on a PostgreSQL cluster of its own, for a test that stops the database and starts it
/// again. The host is built as every fixture's is (<see cref="HubFixture.StartHostAsync"/>); disposing stops both.
/// </summary>
public sealed class PrivatePostgresHost : IAsyncDisposable
{
    private PrivatePostgresHost(PrivatePostgres postgres, IAlbaHost host)
    {
        Postgres = postgres;
        Host = host;
    }

    public PrivatePostgres Postgres { get; }
    public IAlbaHost Host { get; }

    public static async Task<PrivatePostgresHost> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var postgres = await PrivatePostgres.StartAsync();
        try
        {
            return new PrivatePostgresHost(postgres, await HubFixture.StartHostAsync(postgres.ConnectionString, settings ?? new Dictionary<string, string?>()));
        }
        catch
        {
            await postgres.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Postgres.DisposeAsync();
    }
}
