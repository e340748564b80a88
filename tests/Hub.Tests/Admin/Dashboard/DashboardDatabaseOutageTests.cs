using Alba;
using Hub.Tests.Infrastructure;

namespace Hub.Tests.Admin.Dashboard;

/// <summary>The dashboard on a PostgreSQL of its own that the test stops and starts again.</summary>
public sealed class DashboardDatabaseOutageTests : IAsyncLifetime
{
    private PrivatePostgresHost _db = null!;

    public async Task InitializeAsync() => _db = await PrivatePostgresHost.StartAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<(int Status, string Body)> GetAsync(bool htmx)
    {
        var result = await _db.Host.Scenario(s =>
        {
            s.Get.Url("/admin");
            s.WithKey(TestKeys.Viewer);
            if (htmx) s.WithRequestHeader("HX-Request", "true");
            s.IgnoreStatusCode();
        });
        return (result.Context.Response.StatusCode, await result.ReadAsTextAsync());
    }

    [Fact]
    public async Task with_the_database_down_the_dashboard_says_so_keeps_polling_and_recovers_by_itself()
    {
        Assert.Contains("id=\"tile-parked\"", (await GetAsync(htmx: false)).Body);

        await _db.Postgres.StopServerAsync();

        var (status, page) = await GetAsync(htmx: false);
        Assert.Equal(503, status);
        Assert.Contains("id=\"db-down\"", page);
        Assert.Contains("<div id=\"dashboard\" hx-get=\"/admin\" hx-trigger=\"every 30s\"", page);
        Assert.Contains("<h1>Сводка</h1>", page);
        // htmx swaps only 2xx answers, so the refreshing region gets the bad news with a 200.
        var (fragmentStatus, fragment) = await GetAsync(htmx: true);
        Assert.Equal(200, fragmentStatus);
        Assert.Contains("id=\"db-down\"", fragment);

        await _db.Postgres.StartServerAsync();

        string body;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        do
        {
            await Task.Delay(250);
            body = (await GetAsync(htmx: true)).Body;
        } while (!body.Contains("id=\"tile-parked\"") && DateTime.UtcNow < deadline);
        Assert.Contains("id=\"tile-parked\"", body);
        Assert.DoesNotContain("db-down", body);
    }
}
