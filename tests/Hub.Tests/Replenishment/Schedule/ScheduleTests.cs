using System.Text.Json;
using Alba;

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
