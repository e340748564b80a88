using System.Net;
using Hub.Replenishment.Runs;
using Hub.Tests.Infrastructure;

namespace Hub.Tests.Admin.Shell;

/// <summary>The navigation's badges: parked orders and failed runs, on every page, until they are dealt with or looked at.</summary>
[Collection(AdminCollection.Name)]
public sealed class BadgesTests(AdminFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAllAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private async Task SeedFailedRunAsync()
    {
        await using var session = fixture.Store.LightweightSession();
        var id = Guid.CreateVersion7();
        var now = DateTimeOffset.UtcNow;
        session.Events.StartStream<ReplenishmentRun>(id, new RunRequested(id, RunTrigger.Schedule, null, false, now), new RunFailed("1C answered 503", now));
        await session.SaveChangesAsync();
    }

    [Fact]
    public async Task every_page_of_a_signed_in_operator_loads_the_badges_and_they_say_nothing_when_nothing_needs_action()
    {
        using var session = new CookieSession(fixture.Client());
        await session.SignInAsync(TestKeys.Viewer);
        foreach (var page in new[] { "/admin/logs", "/admin/stats", "/admin/outbox", "/admin/schedules", "/admin/health" })
        {
            var (_, html, _) = await session.GetAsync(page);
            Assert.Contains("<span id=\"badges\" hx-get=\"/admin/badges\" hx-trigger=\"load, every 30s\"", html);
        }
        var (status, badges, _) = await session.GetAsync("/admin/badges", htmx: true);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("", badges);
        // The sign-in page is for someone who is not signed in yet: no badges there.
        using var anonymous = new CookieSession(fixture.Client());
        var (_, signIn, _) = await anonymous.GetAsync("/admin/sign-in");
        Assert.DoesNotContain("id=\"badges\"", signIn);
    }

    [Fact]
    public async Task parked_orders_and_a_failed_run_show_and_the_failed_run_goes_once_the_runs_page_was_looked_at()
    {
        await BigRun.SeedAsync(fixture.Store, orders: 5, decisions: 5, sent: 3, parked: 2);
        await SeedFailedRunAsync();
        using var session = new CookieSession(fixture.Client());
        await session.SignInAsync(TestKeys.Viewer);

        var (_, badges, _) = await session.GetAsync("/admin/badges", htmx: true);
        Assert.Contains("<a class=\"badge\" id=\"badge-parked\" href=\"/admin/outbox\"", badges);
        Assert.Contains(": 2</a>", badges[badges.IndexOf("badge-parked", StringComparison.Ordinal)..]);
        Assert.Contains("id=\"badge-failed-runs\" href=\"/admin/runs\"", badges);

        // Its own refresh of the list does not count as looking; opening the page does.
        await session.GetAsync("/admin/runs", htmx: true);
        (_, badges, _) = await session.GetAsync("/admin/badges", htmx: true);
        Assert.Contains("badge-failed-runs", badges);
        await session.GetAsync("/admin/runs");
        (_, badges, _) = await session.GetAsync("/admin/badges", htmx: true);
        Assert.DoesNotContain("badge-failed-runs", badges);
        Assert.Contains("badge-parked", badges);

        // A run failing after that shows again.
        await Task.Delay(5);
        await SeedFailedRunAsync();
        (_, badges, _) = await session.GetAsync("/admin/badges", htmx: true);
        Assert.Contains("badge-failed-runs", badges);
    }
}
