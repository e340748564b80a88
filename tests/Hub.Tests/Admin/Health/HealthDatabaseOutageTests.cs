using Alba;
using Hub.Replenishment;
using Hub.Tests.Infrastructure;

namespace Hub.Tests.Admin.Health;

/// <summary>The Health page on a PostgreSQL of its own that the test stops and starts again; no 1C or МойСклад is configured.</summary>
public sealed class HealthDatabaseOutageTests : IAsyncLifetime
{
    private PrivatePostgresHost _db = null!;

    public async Task InitializeAsync() => _db = await PrivatePostgresHost.StartAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<(int Status, string Body)> SendAsync(bool htmx, bool post = false)
    {
        var result = await _db.Host.Scenario(s =>
        {
            if (post) s.Post.FormData(new Dictionary<string, string>()).ToUrl("/admin/health/connections");
            else s.Get.Url("/admin/health");
            s.WithKey(TestKeys.Viewer);
            if (htmx) s.WithRequestHeader("HX-Request", "true");
            s.IgnoreStatusCode();
        });
        return (result.Context.Response.StatusCode, await result.ReadAsTextAsync());
    }

    [Fact]
    public async Task with_the_database_down_the_page_shows_what_it_can_says_what_it_cannot_and_recovers_by_itself()
    {
        var (_, before) = await SendAsync(htmx: false);
        Assert.Contains("id=\"store-counts\"", before);
        Assert.Contains("id=\"connections-never\"", before);

        await _db.Postgres.StopServerAsync();

        var (status, page) = await SendAsync(htmx: false);
        Assert.Equal(503, status);
        Assert.Matches("data-name=\"database\"><td>База данных</td><td class=\"bad\" data-status=\"Unhealthy\">не работает", page);
        Assert.Contains("id=\"store-down\"", page);
        Assert.Contains("База данных сейчас недоступна", page);
        Assert.Contains("id=\"lw-queued\"", page);
        Assert.Contains($"data-name=\"{ReplenishmentModule.DeliveryQueue}\"", page);
        Assert.Contains("hx-trigger=\"every 10s\" data-pause-while=", page);

        // htmx swaps only 2xx answers, so the refreshing region gets the bad news with a 200.
        var (fragmentStatus, fragment) = await SendAsync(htmx: true);
        Assert.Equal(200, fragmentStatus);
        Assert.Contains("id=\"store-down\"", fragment);

        // The connection check needs no database: without settings both systems say what to set.
        var (checkStatus, section) = await SendAsync(htmx: true, post: true);
        Assert.Equal(200, checkStatus);
        Assert.Contains("Ошибка: не настроено", section);
        Assert.Contains("set OneC:BaseUrl, OneC:User and OneC:Password", section);

        await _db.Postgres.StartServerAsync();

        string body;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        do
        {
            await Task.Delay(250);
            body = (await SendAsync(htmx: true)).Body;
        } while (!body.Contains("id=\"store-counts\"") && DateTime.UtcNow < deadline);
        Assert.Contains("id=\"store-counts\"", body);
        Assert.DoesNotContain("store-down", body);
    }
}
