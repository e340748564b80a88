using Alba;
using Hub.Contracts.Logging;
using Hub.Logs.Partitions;
using Hub.Logs.Rollup;
using Hub.Logs.Search;
using Hub.Logs.Writing;
using Hub.Tests.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Weasel.Core;
using Npgsql;
using Weasel.Core.Partitioning;
using Weasel.Postgresql.Tables.Partitioning;

namespace Hub.Tests.Logs.Partitions;

/// <summary>
/// The log table is partitioned by month through Marten's rolling window: a fresh database has the months behind (as far
/// as retention keeps), this one and those ahead, plus the DEFAULT partition; db-assert misses a month that should exist;
/// a database of the hub before partitioning is rebuilt partitioned with its rows, its rollup triggers and its search index.
/// </summary>
[Collection(LogsCollection.Name)]
public sealed class LogPartitionsTests(LogsFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private string Schema => fixture.Store.Options.DatabaseSchemaName;
    private RollingWindowPolicy Policy => fixture.Host.Services.GetRequiredService<ManagedRangePartitions>().Policy;

    private async Task<List<string>> PartitionsAsync()
    {
        var names = new List<string>();
        await using var conn = new NpgsqlConnection(fixture.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"""
            select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
            where i.inhparent = '{Schema}.mt_doc_integration_log'::regclass order by 1
            """, conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) names.Add(reader.GetString(0));
        return names;
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(fixture.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return await cmd.ExecuteScalarAsync();
    }

    [Fact]
    public async Task the_log_table_is_partitioned_by_month_from_the_oldest_month_retention_keeps_to_three_months_ahead()
    {
        Assert.Equal("p", await ScalarAsync($"select relkind::text from pg_class where oid = '{Schema}.mt_doc_integration_log'::regclass"));
        Assert.Equal("ts", await ScalarAsync(
            $"select a.attname::text from pg_partitioned_table p join pg_attribute a on a.attrelid = p.partrelid and a.attnum = p.partattrs[0] where p.partrelid = '{Schema}.mt_doc_integration_log'::regclass"));

        var thisMonth = Policy.StartOfPeriod(DateTimeOffset.UtcNow);
        var behind = LogPartitions.MonthsBehind(new Hub.Logs.PruneLogs.LogRetentionOptions());
        Assert.Equal(7, behind);
        var expected = Enumerable.Range(-behind, behind + 4).Select(i => LogPartitions.PartitionName(Policy, thisMonth.AddMonths(i)))
            .Append("mt_doc_integration_log_default").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, (await PartitionsAsync()).Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public async Task a_record_lands_in_the_partition_of_its_month_and_one_far_outside_the_window_in_the_default_one()
    {
        var now = DateTimeOffset.UtcNow;
        var docs = new[] { now, now.AddMonths(-2), now.AddYears(-3), now.AddYears(2) }
            .Select(ts => LogNormalizer.Normalize(new LogEntry { Ts = ts, ProcessName = "partitions" }, Guid.CreateVersion7(), now)).ToArray();
        await fixture.Store.BulkInsertAsync(docs, BulkInsertMode.InsertsOnly);

        foreach (var (doc, partition) in docs.Zip(new[]
                 {
                     LogPartitions.PartitionName(Policy, now), LogPartitions.PartitionName(Policy, now.AddMonths(-2)),
                     "mt_doc_integration_log_default", "mt_doc_integration_log_default",
                 }))
            Assert.Equal(partition, await ScalarAsync($"select tableoid::regclass::text from {Schema}.mt_doc_integration_log where id = '{doc.Id}'") is string s
                ? s.Split('.').Last() : null);

        // Every record is still one API call away, wherever it is kept.
        foreach (var doc in docs)
            await fixture.Host.Scenario(s => { s.Get.Url($"/api/v1/logs/{doc.Id}"); s.StatusCodeShouldBeOk(); });
    }

    [Fact]
    public async Task a_query_bounded_in_time_reads_only_the_months_of_its_range()
    {
        var thisMonth = Policy.StartOfPeriod(DateTimeOffset.UtcNow);
        var (where, args) = new Hub.Logs.Querying.LogFilter { From = thisMonth.AddDays(-3), To = thisMonth.AddDays(2), Text = "склад" }.ToSql();
        var position = 0;
        var sql = System.Text.RegularExpressions.Regex.Replace(where, @"\?", _ => $"${++position}");
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var explain = new NpgsqlCommand($"explain select d.id from {Schema}.mt_doc_integration_log d {sql} order by d.ts desc, d.id desc limit 501", connection);
        foreach (var arg in args) explain.Parameters.Add(new NpgsqlParameter { Value = arg });
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
            while (await reader.ReadAsync()) plan.Add(reader.GetString(0));
        var text = string.Join("\n", plan);

        var read = (await PartitionsAsync()).Where(p => text.Contains($" {p} ") || text.Contains($" {p}\n") || text.EndsWith($" {p}")).ToList();
        Assert.True(read.Count > 0, text);
        Assert.Equal(new[] { LogPartitions.PartitionName(Policy, thisMonth.AddMonths(-1)), LogPartitions.PartitionName(Policy, thisMonth) }.Order(), read.Order());
    }

    [Fact]
    public async Task db_assert_misses_a_month_that_should_exist_and_rolling_the_window_on_brings_it_back()
    {
        var farthest = LogPartitions.PartitionName(Policy, Policy.StartOfPeriod(DateTimeOffset.UtcNow).AddMonths(3));
        await ScalarAsync($"drop table {Schema}.{farthest}");
        try
        {
            var ex = await Assert.ThrowsAnyAsync<Exception>(() => fixture.Store.Storage.Database.AssertDatabaseMatchesConfigurationAsync());
            Assert.Contains(farthest, ex.ToString());
        }
        finally
        {
            await fixture.Store.Advanced.RollPartitionsForwardAsync(CancellationToken.None);
        }
        Assert.Contains(farthest, await PartitionsAsync());
        await fixture.Store.Storage.Database.AssertDatabaseMatchesConfigurationAsync();
    }

    [Fact]
    public async Task a_log_table_from_before_partitioning_is_rebuilt_partitioned_with_its_rows_triggers_and_search_index()
    {
        var now = DateTimeOffset.UtcNow;
        var docs = Enumerable.Range(0, 300).Select(i => LogNormalizer.Normalize(new LogEntry
        {
            Ts = now.AddDays(-i), ProcessName = "upgrade", ExternalSystem = "1c", Status = "success",
            Message = i == 7 ? "Заказ СИ00-000777 не найден" : "обычная запись",
        }, Guid.CreateVersion7(), now)).ToArray();
        await fixture.Store.BulkInsertAsync(docs, BulkInsertMode.InsertsOnly);

        // As the table of the previous build: a plain table with the same rows, and the rollup triggers on it.
        var table = $"{Schema}.mt_doc_integration_log";
        var function = $"{Schema}.{LogRollupSchema.ApplyFunction}()";
        await ScalarAsync($"""
            create table {Schema}.plain_log (like {table} including defaults);
            insert into {Schema}.plain_log select * from {table};
            drop table {table} cascade;
            alter table {Schema}.plain_log rename to mt_doc_integration_log;
            alter table {table} add primary key (id);
            create trigger {LogRollupSchema.InsertTrigger} after insert on {table} referencing new table as new_rows for each statement execute function {function};
            create trigger {LogRollupSchema.UpdateTrigger} after update on {table} referencing old table as old_rows new table as new_rows for each statement execute function {function};
            """);
        Assert.Equal("r", await ScalarAsync($"select relkind::text from pg_class where oid = '{table}'::regclass"));

        await fixture.Store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await fixture.Store.Storage.Database.AssertDatabaseMatchesConfigurationAsync();

        Assert.Equal("p", await ScalarAsync($"select relkind::text from pg_class where oid = '{table}'::regclass"));
        Assert.Equal(300L, await ScalarAsync($"select count(*) from {table}"));
        Assert.Equal(true, await ScalarAsync($"select indisvalid from pg_index where indexrelid = '{Schema}.{LogSearchText.IndexName}'::regclass"));
        var found = await (await fixture.Host.Scenario(s => s.Get.Url("/api/v1/logs?text=000777"))).ReadJsonAsync();
        Assert.Equal(docs[7].Id, Assert.Single(found.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());

        // The triggers are on the new table: a record posted after the upgrade is counted.
        var hour = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
        var before = (long)(await ScalarAsync($"select coalesce(sum(total), 0)::bigint from {Schema}.{LogRollupSchema.HourlyTable} where process_name = 'after-upgrade'"))!;
        await fixture.Host.Scenario(s => { s.Post.Json(new { process_name = "after-upgrade", ts = hour.AddMinutes(1) }).ToUrl("/api/v1/logs"); s.StatusCodeShouldBe(202); });
        Assert.Equal(before + 1, await ScalarAsync($"select coalesce(sum(total), 0)::bigint from {Schema}.{LogRollupSchema.HourlyTable} where process_name = 'after-upgrade'"));
    }
}
