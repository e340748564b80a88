using System.Text.Json;
using Alba;
using Hub.Contracts.Logging;
using Hub.Replenishment.Runs;
using Hub.Replenishment.Schedule;
using Microsoft.Extensions.DependencyInjection;
using Wolverine.Tracking;

namespace Hub.Tests.Replenishment.Schedule;

[Collection(ReplenishmentCollection.Name)]
public sealed class ScheduleTests(ReplenishmentFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAllAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<JsonElement> ScheduleAsync(string name)
    {
        var result = await fixture.Host.Scenario(s => s.Get.Url("/api/v1/schedules"));
        return (await result.ReadAsJsonAsync<JsonElement>()).EnumerateArray().Single(s => s.GetProperty("name").GetString() == name);
    }

    [Fact]
    public async Task the_replenishment_schedule_fires_next_on_a_weekday_at_nine_moscow_time()
    {
        var schedule = await ScheduleAsync("replenishment");
        Assert.Equal("0 9 * * 1-5", schedule.GetProperty("cron").GetString());
        Assert.False(schedule.GetProperty("paused").GetBoolean());

        var next = schedule.GetProperty("next_occurrence").GetDateTimeOffset();
        var moscow = TimeZoneInfo.ConvertTime(next, TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow"));
        Assert.Equal((9, 0), (moscow.Hour, moscow.Minute));
        Assert.DoesNotContain(moscow.DayOfWeek, new[] { DayOfWeek.Saturday, DayOfWeek.Sunday });
        Assert.True(next > DateTimeOffset.UtcNow);
        Assert.StartsWith(moscow.ToString("yyyy-MM-dd 09:00"), schedule.GetProperty("next_occurrence_local").GetString());
        Assert.EndsWith("+03:00", schedule.GetProperty("next_occurrence_local").GetString());
    }

    [Fact]
    public async Task log_retention_fires_next_on_sunday_at_three_moscow_time()
    {
        var schedule = await ScheduleAsync("log-retention");
        var moscow = TimeZoneInfo.ConvertTime(schedule.GetProperty("next_occurrence").GetDateTimeOffset(), TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow"));
        Assert.Equal((DayOfWeek.Sunday, 3, 0), (moscow.DayOfWeek, moscow.Hour, moscow.Minute));
        Assert.Equal("PruneLogs", schedule.GetProperty("message_type").GetString());
    }

    [Fact]
    public async Task a_paused_schedule_refuses_run_now_until_it_is_resumed()
    {
        await fixture.Host.Scenario(s => s.Post.Url("/api/v1/schedules/replenishment/pause"));
        var paused = await ScheduleAsync("replenishment");
        Assert.True(paused.GetProperty("paused").GetBoolean());

        await fixture.Host.Scenario(s =>
        {
            s.Post.Url("/api/v1/schedules/replenishment/run");
            s.StatusCodeShouldBe(409);
        });

        await fixture.Host.Scenario(s => s.Post.Url("/api/v1/schedules/replenishment/resume"));
        Assert.False((await ScheduleAsync("replenishment")).GetProperty("paused").GetBoolean());
    }

    [Fact]
    public async Task run_now_starts_a_run_triggered_by_the_schedule()
    {
        await fixture.Host.Scenario(s => s.Post.Url("/api/v1/schedules/replenishment/run"));

        var deadline = DateTime.UtcNow.AddMinutes(2);
        JsonElement runs;
        do
        {
            await Task.Delay(200);
            var result = await fixture.Host.Scenario(s => s.Get.Url("/api/v1/runs"));
            runs = (await result.ReadAsJsonAsync<JsonElement>()).GetProperty("items");
        } while (runs.GetArrayLength() == 0 && DateTime.UtcNow < deadline);

        var run = Assert.Single(runs.EnumerateArray());
        Assert.Equal("Schedule", run.GetProperty("trigger").GetString());
        Assert.Equal("all", run.GetProperty("scope").GetString());
    }

    private Task<ITrackedSession> FireAsync(DateTimeOffset occurrence) =>
        fixture.Host.TrackActivity().Timeout(TimeSpan.FromSeconds(90)).DoNotAssertOnExceptionsDetected()
            .InvokeMessageAndWaitAsync(new ScheduledReplenishment(occurrence));

    [Fact]
    public async Task an_occurrence_while_a_run_is_in_progress_is_skipped_with_a_warning_naming_the_run_and_never_shown_as_started()
    {
        var blocking = new ReplenishmentRun
        {
            Id = Guid.CreateVersion7(), Trigger = RunTrigger.Api, Status = RunStatus.Dispatching, ActiveScope = ReplenishmentRun.AllWarehouses,
            RequestedAt = DateTimeOffset.UtcNow.AddMinutes(-5),
        };
        await using (var session = fixture.Store.LightweightSession())
        {
            // A run an earlier test's planning stored after the reset may still hold the scope; this test's run must be the one that does.
            session.DeleteWhere<ReplenishmentRun>(r => r.ActiveScope != null);
            session.Store(blocking);
            await session.SaveChangesAsync();
        }
        var occurrence = new DateTimeOffset(2026, 12, 2, 6, 0, 0, TimeSpan.Zero);
        var fired = DateTimeOffset.UtcNow;

        await FireAsync(occurrence);

        var last = (await ScheduleAsync("replenishment")).GetProperty("last_occurrence");
        Assert.Equal("skipped", last.GetProperty("outcome").GetString());
        Assert.Contains($"run {blocking.Id}", last.GetProperty("detail").GetString());
        Assert.Contains("still in progress", last.GetProperty("detail").GetString());
        Assert.Equal(blocking.Id, last.GetProperty("run_id").GetGuid());
        Assert.Equal("Dispatching", last.GetProperty("run_status").GetString());
        Assert.Equal(occurrence, last.GetProperty("occurrence").GetDateTimeOffset());
        Assert.StartsWith("2026-12-02 09:00", last.GetProperty("occurrence_local").GetString());

        // Nothing was started (a run an earlier test's planning stored after the reset may be listed; none is from now), and
        // the integration log says why at WARNING.
        var runs = await fixture.Host.Scenario(s => s.Get.Url("/api/v1/runs"));
        Assert.DoesNotContain((await runs.ReadAsJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray(),
            r => r.GetProperty("id").GetGuid() != blocking.Id && r.GetProperty("requested_at").GetDateTimeOffset() >= fired);
        await fixture.Host.Services.GetRequiredService<IIntegrationLogWriter>().FlushAsync(CancellationToken.None);
        var logs = await fixture.Host.Scenario(s => s.Get.Url($"/api/v1/logs?run_id={blocking.Id}&status=skipped"));
        var log = Assert.Single((await logs.ReadAsJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray());
        Assert.Equal("WARNING", log.GetProperty("log_level").GetString());
        Assert.Contains("skipped: run", log.GetProperty("message").GetString());
        Assert.Contains("still in progress", log.GetProperty("message").GetString());

        var page = await fixture.Host.Scenario(s => s.Get.Url("/admin/schedules"));
        var html = await page.ReadAsTextAsync();
        Assert.Contains("data-outcome=\"skipped\"", html);
        Assert.DoesNotContain("data-outcome=\"started\"", html);
    }

    [Fact]
    public async Task an_occurrence_that_starts_a_run_shows_as_started_with_the_run_and_how_it_stands()
    {
        await FireAsync(DateTimeOffset.UtcNow);

        var runs = await fixture.Host.Scenario(s => s.Get.Url("/api/v1/runs"));
        var run = Assert.Single((await runs.ReadAsJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray());
        var last = (await ScheduleAsync("replenishment")).GetProperty("last_occurrence");
        Assert.Equal("started", last.GetProperty("outcome").GetString());
        Assert.Equal(run.GetProperty("id").GetGuid(), last.GetProperty("run_id").GetGuid());
        Assert.False(string.IsNullOrEmpty(last.GetProperty("run_status").GetString()));
        Assert.Equal(JsonValueKind.Null, (await ScheduleAsync("log-retention")).GetProperty("last_occurrence").ValueKind);
    }

    [Fact]
    public async Task an_unknown_schedule_is_a_404_naming_the_known_ones()
    {
        var result = await fixture.Host.Scenario(s =>
        {
            s.Post.Url("/api/v1/schedules/nightly/pause");
            s.StatusCodeShouldBe(404);
        });
        Assert.Contains("replenishment", await result.ReadAsTextAsync());
    }
}
