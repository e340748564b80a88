using Alba;
using Hub.Tests.Infrastructure;

namespace Hub.Tests.Admin.Logs;

/// <summary>The Logs page on a PostgreSQL of its own that the test stops and starts again.</summary>
public sealed class LogsDatabaseOutageTests : IAsyncLifetime
{
    private PrivatePostgresHost _db = null!;

    public async Task InitializeAsync() => _db = await PrivatePostgresHost.StartAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<(int Status, string Body)> GetAsync(string url, bool htmx)
    {
        var result = await _db.Host.Scenario(s =>
        {
            s.Get.Url(url);
            s.WithKey(TestKeys.Viewer);
            if (htmx) s.WithRequestHeader("HX-Request", "true");
            s.IgnoreStatusCode();
        });
        return (result.Context.Response.StatusCode, await result.ReadAsTextAsync());
    }

    [Fact]
    public async Task with_the_database_down_the_page_says_so_keeps_polling_and_recovers_by_itself()
    {
        await _db.Host.Scenario(s =>
        {
            s.Post.Json(new[] { new { process_name = "outage", message = "before the outage" } }).ToUrl("/api/v1/logs");
            s.WithKey(TestKeys.Ingest);
            s.StatusCodeShouldBe(202);
        });
        var shown = (await GetAsync("/admin/logs?tail=1", htmx: true)).Body;
        Assert.Contains("before the outage", shown);
        var since = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(shown, "data-since=\"([^\"]+)\"").Groups[1].Value);

        await _db.Postgres.StopServerAsync();

        // The live tail does not go quiet: it puts the alert in place of the list, polling by itself though the tail is on.
        var tail = await _db.Host.Scenario(s =>
        {
            s.Get.Url($"/admin/logs/tail?tail=1&since={Uri.EscapeDataString(since)}");
            s.WithKey(TestKeys.Viewer);
            s.WithRequestHeader("HX-Request", "true");
            s.IgnoreStatusCode();
        });
        Assert.Equal(200, tail.Context.Response.StatusCode);
        Assert.Equal("#results", tail.Context.Response.Headers["HX-Retarget"].ToString());
        Assert.Equal("outerHTML", tail.Context.Response.Headers["HX-Reswap"].ToString());
        var alert = await tail.ReadAsTextAsync();
        Assert.StartsWith("<div id=\"results\"", alert);
        Assert.Contains("id=\"db-down\"", alert);
        Assert.Contains("hx-trigger=\"every 5s\" data-pause-while=\"#logs tr.preview:not([hidden]), #record > *\"", alert);

        // Auto-refresh off, yet the region polls while the database is down so the page comes back without a reload.
        var (status, page) = await GetAsync("/admin/logs?refresh=0", htmx: false);
        Assert.Equal(503, status);
        Assert.Contains("База данных сейчас недоступна", page);
        Assert.Contains("hx-trigger=\"every 5s", page);
        Assert.Contains("class=\"filters\"", page);

        // A record's own page cannot be read either, and says why instead of claiming the record is missing.
        var (recordStatus, record) = await GetAsync($"/admin/logs/{Guid.NewGuid()}", htmx: false);
        Assert.Equal(503, recordStatus);
        Assert.Contains("База данных сейчас недоступна", record);

        var (fragmentStatus, fragment) = await GetAsync("/admin/logs?refresh=0", htmx: true);
        Assert.Equal(200, fragmentStatus);
        Assert.Contains("id=\"db-down\"", fragment);

        await _db.Postgres.StartServerAsync();

        string body;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        do
        {
            await Task.Delay(250);
            body = (await GetAsync("/admin/logs?refresh=0", htmx: true)).Body;
        } while (!body.Contains("before the outage") && DateTime.UtcNow < deadline);
        Assert.Contains("before the outage", body);
        Assert.DoesNotContain("db-down", body);
    }
}
