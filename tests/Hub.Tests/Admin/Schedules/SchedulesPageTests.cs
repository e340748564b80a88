using System.Net;
using Alba;
using Hub.Replenishment.Schedule;
using Hub.Tests.Infrastructure;

namespace Hub.Tests.Admin.Schedules;

[Collection(AdminCollection.Name)]
public sealed class SchedulesPageTests(AdminFixture fixture) : IAsyncLifetime
{
    private const string Name = ScheduledReplenishment.ScheduleName;

    public Task InitializeAsync() => fixture.ResetAllAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<string> PageAsync(string key) =>
        await (await fixture.Host.Scenario(s =>
        {
            s.Get.Url("/admin/schedules");
            s.WithKey(key);
        })).ReadAsTextAsync();

    [Fact]
    public async Task the_schedule_shows_its_next_run_in_moscow_time_and_actions_only_to_operators()
    {
        var viewer = await PageAsync(TestKeys.Viewer);
        Assert.Contains($"data-name=\"{Name}\"", viewer);
        Assert.Contains("Europe/Moscow", viewer);
        Assert.Contains("+03:00", System.Net.WebUtility.HtmlDecode(viewer));
        Assert.DoesNotContain("id=\"pause-", viewer);
        var operator_ = await PageAsync(TestKeys.Operator);
        Assert.Contains($"id=\"pause-{Name}\"", operator_);
        Assert.Contains($"id=\"run-{Name}\"", operator_);
    }

    [Fact]
    public async Task an_operator_pauses_and_resumes_and_a_viewer_cannot()
    {
        await fixture.Host.Scenario(s =>
        {
            s.Post.FormData(new Dictionary<string, string>()).ToUrl($"/admin/schedules/{Name}/pause");
            s.WithKey(TestKeys.Viewer);
            s.StatusCodeShouldBe(403);
        });
        Assert.Contains("class=\"ok\" data-state=\"active\">действует", await PageAsync(TestKeys.Viewer));

        using var session = new CookieSession(fixture.Client());
        await session.SignInAsync(TestKeys.Operator);
        await session.GetAsync("/admin/schedules");
        var (status, _, response) = await session.PostAsync($"/admin/schedules/{Name}/pause", new Dictionary<string, string> { ["__csrf"] = session.LastToken! });
        Assert.Equal(HttpStatusCode.Redirect, status);
        var (_, paused, _) = await session.GetAsync(response.Headers.Location!.OriginalString);
        Assert.Contains($"{Name}: приостановлено.", paused);
        Assert.Contains("class=\"bad\" data-state=\"paused\">приостановлено", paused);
        Assert.Contains($"id=\"resume-{Name}\"", paused);

        var (resumed, _, _) = await session.PostAsync($"/admin/schedules/{Name}/resume", new Dictionary<string, string> { ["__csrf"] = session.LastToken! });
        Assert.Equal(HttpStatusCode.Redirect, resumed);
        Assert.Contains("class=\"ok\" data-state=\"active\">действует", await PageAsync(TestKeys.Viewer));
    }
}
