using Hub.Logs.GetLogStats;
using Hub.Logs.Rollup;

namespace Hub.Tests.Logs.GetLogStats;

/// <summary>Periods and buckets, without a database.</summary>
public sealed class StatsRangeTests
{
    private static readonly TimeZoneInfo Moscow = TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow");
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Fact]
    public void hours_widen_to_whole_hours_and_default_to_the_last_24_including_the_current_one()
    {
        var now = new DateTimeOffset(2026, 11, 23, 10, 17, 0, TimeSpan.Zero);
        Assert.Equal(new StatsRange(new DateTimeOffset(2026, 11, 22, 11, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 23, 11, 0, 0, TimeSpan.Zero)),
            StatsRange.Resolve(StatsBucket.Hour, null, null, now, TimeZoneInfo.Utc));
        Assert.Equal(new StatsRange(new DateTimeOffset(2026, 11, 23, 7, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero)),
            StatsRange.Resolve(StatsBucket.Hour, new DateTimeOffset(2026, 11, 23, 10, 30, 0, TimeSpan.FromHours(3)), new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero), now, Moscow));
    }

    [Fact]
    public void days_start_at_local_midnight_and_default_to_the_last_30_including_today()
    {
        var now = new DateTimeOffset(2026, 11, 23, 22, 30, 0, TimeSpan.Zero); // 01:30 on the 24th in Moscow
        var range = StatsRange.Resolve(StatsBucket.Day, null, null, now, Moscow);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 21, 0, 0, TimeSpan.Zero), range.To);
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 21, 0, 0, TimeSpan.Zero), range.From);

        var utc = StatsRange.Resolve(StatsBucket.Day, new DateTimeOffset(2026, 11, 1, 5, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 3, 0, 0, 0, TimeSpan.Zero), now, TimeZoneInfo.Utc);
        Assert.Equal(new StatsRange(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 3, 0, 0, 0, TimeSpan.Zero)), utc);
    }

    [Fact]
    public void thirty_days_across_a_clock_change_are_thirty_local_days()
    {
        var now = new DateTimeOffset(2026, 11, 10, 12, 0, 0, TimeSpan.Zero);
        var range = StatsRange.Resolve(StatsBucket.Day, null, null, now, Berlin);
        Assert.Equal(new DateTimeOffset(2026, 11, 11, 0, 0, 0, TimeSpan.FromHours(1)), range.To);
        Assert.Equal(new DateTimeOffset(2026, 10, 12, 0, 0, 0, TimeSpan.FromHours(2)), range.From);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(7L)]
    [InlineData(99L)]
    [InlineData(1234L)]
    [InlineData(86_400_000L)]
    public void a_histogram_bucket_reports_within_5_percent_of_its_values(long ms)
    {
        var reported = ElapsedHistogram.ValueOf(ElapsedHistogram.BucketOf(ms));
        Assert.True(Math.Abs(reported - ms) <= 0.05 * (ms + 1) + 0.5, $"{ms} ms reported as {reported}");
    }
}
