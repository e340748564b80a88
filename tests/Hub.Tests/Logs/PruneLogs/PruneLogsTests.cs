using Alba;
using Hub.Contracts.Logging;
using Hub.Logs.PruneLogs;
using Hub.Logs.Writing;
using Hub.Tests.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Weasel.Core;
using Weasel.Core.Partitioning;
using Wolverine.Tracking;

namespace Hub.Tests.Logs.PruneLogs;

[Collection(LogsCollection.Name)]
public sealed class PruneLogsTests(LogsFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private sealed record Seeded(Guid Id, string? Status, TimeSpan Age, bool Due);

    /// <summary>Logs of every status at ages around both limits (90 days for successes, 180 for all), 20 of each.</summary>
    private async Task<List<Seeded>> SeedAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var cases = new (string? Status, TimeSpan Age, bool Due)[]
        {
            ("success", TimeSpan.FromDays(1), false),
            ("success", TimeSpan.FromDays(90) - TimeSpan.FromMinutes(10), false),
            ("success", TimeSpan.FromDays(90) + TimeSpan.FromMinutes(10), true),
            ("success", TimeSpan.FromDays(150), true),
            ("failed", TimeSpan.FromDays(150), false),
            ("retrying", TimeSpan.FromDays(179), false),
            (null, TimeSpan.FromDays(180) - TimeSpan.FromMinutes(10), false),
            (null, TimeSpan.FromDays(180) + TimeSpan.FromMinutes(10), true),
            ("failed", TimeSpan.FromDays(181), true),
            ("success", TimeSpan.FromDays(200), true),
            ("started", TimeSpan.FromDays(400), true),
            ("SUCCESS-ish", TimeSpan.FromDays(120), false),
        };
        var seeded = new List<Seeded>();
        var docs = new List<IntegrationLog>();
        foreach (var (status, age, due) in cases)
            for (var i = 0; i < 20; i++)
            {
                var doc = LogNormalizer.Normalize(new LogEntry
                {
                    Ts = now - age - TimeSpan.FromSeconds(i), ProcessName = "retention", Status = status, ExternalSystem = "1c", ElapsedMs = 100 + i
                }, Guid.CreateVersion7(), now);
                docs.Add(doc);
                seeded.Add(new Seeded(doc.Id, status, age, due));
            }
        await fixture.Store.BulkInsertAsync(docs, BulkInsertMode.InsertsOnly);
        return seeded;
    }

    private async Task<HashSet<Guid>> RemainingAsync()
    {
        await using var session = fixture.Store.QuerySession();
        return (await session.QueryAsync<Guid>("select id from hub.mt_doc_integration_log")).ToHashSet();
    }

    [Fact]
    public async Task prune_deletes_exactly_what_the_rule_says_and_nothing_else()
    {
        var seeded = await SeedAsync();
        var (_, result) = await fixture.Host.InvokeMessageAndWaitAsync<PruneLogsResult>(new Hub.Logs.PruneLogs.PruneLogs());

        Assert.False(result!.DryRun);
        Assert.Equal(seeded.Where(s => !s.Due).Select(s => s.Id).ToHashSet(), await RemainingAsync());
        Assert.Equal(seeded.Count(s => s.Due && s.Age < TimeSpan.FromDays(180)), result.Successful);
        Assert.Equal(seeded.Count(s => s.Due && s.Age > TimeSpan.FromDays(180)), result.Expired);

        var (_, again) = await fixture.Host.InvokeMessageAndWaitAsync<PruneLogsResult>(new Hub.Logs.PruneLogs.PruneLogs());
        Assert.Equal(0, again!.Total);
    }

    [Fact]
    public async Task a_month_wholly_past_the_overall_limit_is_dropped_as_a_partition_and_its_rows_counted_as_expired()
    {
        var now = DateTimeOffset.UtcNow;
        var cutoff = now.AddDays(-180);
        var policy = fixture.Host.Services.GetRequiredService<Weasel.Postgresql.Tables.Partitioning.ManagedRangePartitions>().Policy;
        var month = policy.StartOfPeriod(cutoff).AddMonths(-1);
        var partition = Hub.Logs.Partitions.LogPartitions.PartitionName(policy, month);
        var statuses = new[] { "success", "failed", "retrying", null };
        IntegrationLog Log(DateTimeOffset ts, int i) => LogNormalizer.Normalize(
            new LogEntry { Ts = ts, ProcessName = "retention", Status = statuses[i % 4], ExternalSystem = "1c" }, Guid.CreateVersion7(), now);
        var inTheMonth = Enumerable.Range(0, 25).Select(i => Log(month.AddDays(1).AddHours(i), i)).ToList();
        var beforeTheCutoff = Enumerable.Range(0, 15).Select(i => Log(cutoff.AddMinutes(-1 - i), i)).ToList();
        // Successes this old are past their own limit (90 days); what stays is everything else.
        var kept = Enumerable.Range(0, 10).Select(i => Log(cutoff.AddMinutes(10 + i), 1 + i % 3)).ToList();
        await fixture.Store.BulkInsertAsync(inTheMonth.Concat(beforeTheCutoff).Concat(kept).ToList(), BulkInsertMode.InsertsOnly);

        var (_, result) = await fixture.Host.InvokeMessageAndWaitAsync<PruneLogsResult>(new Hub.Logs.PruneLogs.PruneLogs());

        Assert.Equal([partition], result!.DroppedPartitions);
        Assert.Equal(40, result.Expired);
        Assert.Equal(kept.Select(k => k.Id).ToHashSet(), await RemainingAsync());
        await using var conn = new NpgsqlConnection(fixture.ConnectionString);
        await conn.OpenAsync();
        await using var exists = new NpgsqlCommand($"select to_regclass('hub.{partition}') is not null", conn);
        Assert.Equal(false, await exists.ExecuteScalarAsync());
    }

    [Fact]
    public async Task with_whole_months_everything_older_goes_by_dropping_months_and_the_month_at_the_limit_stays_whole()
    {
        var now = DateTimeOffset.UtcNow;
        var policy = fixture.Host.Services.GetRequiredService<Weasel.Postgresql.Tables.Partitioning.ManagedRangePartitions>().Policy;
        var monthAtTheLimit = policy.StartOfPeriod(now.AddDays(-180));
        IntegrationLog Log(DateTimeOffset ts) => LogNormalizer.Normalize(
            new LogEntry { Ts = ts, ProcessName = "retention", Status = "failed", ExternalSystem = "1c" }, Guid.CreateVersion7(), now);
        var monthBefore = Enumerable.Range(0, 12).Select(i => Log(monthAtTheLimit.AddDays(-1 - i))).ToList();
        var atTheLimit = Enumerable.Range(0, 12).Select(i => Log(monthAtTheLimit.AddHours(1 + i))).ToList();
        await fixture.Store.BulkInsertAsync(monthBefore.Concat(atTheLimit).ToList(), BulkInsertMode.InsertsOnly);

        var pruner = new LogPruner(fixture.Store, new LogRetentionOptions { WholeMonths = true, BatchSize = 7, PauseMilliseconds = 0 }, policy);
        var plan = pruner.Plan(now);
        Assert.Equal(monthAtTheLimit, plan.AllCutoff);
        var result = await pruner.DeleteAsync(plan, progress: null, CancellationToken.None);

        Assert.Equal([Hub.Logs.Partitions.LogPartitions.PartitionName(policy, monthAtTheLimit.AddMonths(-1))], result.DroppedPartitions);
        Assert.Equal(12, result.Expired);
        // Older than 180 days, but in the month the limit falls in: kept until that month goes whole.
        Assert.Equal(atTheLimit.Select(l => l.Id).ToHashSet(), await RemainingAsync());
    }

    [Fact]
    public async Task a_dry_run_counts_by_the_same_rule_and_deletes_nothing()
    {
        var seeded = await SeedAsync();
        var (_, result) = await fixture.Host.InvokeMessageAndWaitAsync<PruneLogsResult>(new Hub.Logs.PruneLogs.PruneLogs(DryRun: true));

        Assert.True(result!.DryRun);
        Assert.Equal(seeded.Count(s => s.Due && s.Age < TimeSpan.FromDays(180)), result.Successful);
        Assert.Equal(seeded.Count(s => s.Due && s.Age > TimeSpan.FromDays(180)), result.Expired);
        Assert.Equal(seeded.Select(s => s.Id).ToHashSet(), await RemainingAsync());
    }

    [Fact]
    public async Task stats_of_the_pruned_periods_stay()
    {
        await SeedAsync();
        var url = $"/api/v1/logs/stats?bucket=day&tz=UTC&from={DateTimeOffset.UtcNow.AddDays(-450):yyyy-MM-dd}T00:00:00Z";
        var before = (await (await fixture.Host.Scenario(s => s.Get.Url(url))).ReadJsonAsync()).GetProperty("items").GetRawText();

        var (_, result) = await fixture.Host.InvokeMessageAndWaitAsync<PruneLogsResult>(new Hub.Logs.PruneLogs.PruneLogs());
        Assert.True(result!.Total > 0);

        var after = (await (await fixture.Host.Scenario(s => s.Get.Url(url))).ReadJsonAsync()).GetProperty("items").GetRawText();
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task sent_as_the_schedule_sends_it_the_message_runs_through_the_durable_local_queue()
    {
        var seeded = await SeedAsync();
        // A schedule sends the message rather than invoking it: the handler runs on a durable local queue, and its
        // result has nowhere to go, which must not fail the run.
        await fixture.Host.SendMessageAndWaitAsync(LogRetentionSchedule.Message());
        Assert.Equal(seeded.Where(s => !s.Due).Select(s => s.Id).ToHashSet(), await RemainingAsync());
    }

    [Fact]
    public void the_weekly_run_is_described_for_the_shared_schedule()
    {
        Assert.Equal(("log-retention", "0 3 * * 0"), (LogRetentionSchedule.Name, LogRetentionSchedule.Cron));
        Assert.NotNull(TimeZoneInfo.FindSystemTimeZoneById(LogRetentionSchedule.TimeZone));
        Assert.False(LogRetentionSchedule.Message().DryRun);
    }

    [Theory]
    [InlineData(0, 180, "SuccessDays")]
    [InlineData(90, 0, "AllDays")]
    public void bad_retention_settings_are_refused_naming_the_setting(int successDays, int allDays, string setting)
    {
        var ex = Assert.Throws<InvalidOperationException>(() =>
            new LogPruner(fixture.Store, new LogRetentionOptions { SuccessDays = successDays, AllDays = allDays }, RollingWindowPolicy.Monthly(3, 7)));
        Assert.Contains(setting, ex.Message);
    }
}
