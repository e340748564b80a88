using System.Text.Json;
using Alba;
using Hub.Contracts.Logging;
using Hub.Logs.Domain;
using Hub.Logs.Rollup;
using Hub.Logs.Writing;
using Hub.Tests.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Weasel.Core;

namespace Hub.Tests.Logs.GetLogStats;

[Collection(LogsCollection.Name)]
public sealed class GetLogStatsTests(LogsFixture fixture) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 8, 10, 20, 0, 0, TimeSpan.Zero);
    private static readonly string[] Systems = ["moysklad", "1c", "amocrm"];
    private static readonly string[] Processes = ["internal_replenishment", "process_outbox_events_job"];
    private static readonly string?[] Statuses = ["success", "success", "success", "failed", "retrying", "started", null];

    public Task InitializeAsync() => fixture.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private sealed record Expected(DateTimeOffset Period, string System, string Process, long Total, long Succeeded, long Failed, long Retrying, double? Avg, long? P95);

    /// <summary>Logs over three days, written every way the hub writes them: the API, the background writer, bulk COPY.</summary>
    private async Task SeedAsync(int count = 3000)
    {
        var random = new Random(20260810);
        LogEntry Entry(int i) => new()
        {
            Ts = T0.AddSeconds(random.Next(0, 3 * 24 * 3600)),
            ProcessName = Processes[random.Next(Processes.Length)],
            ExternalSystem = random.Next(10) == 0 ? null : Systems[random.Next(Systems.Length)],
            Status = Statuses[random.Next(Statuses.Length)],
            // Log-normal durations from a few ms to tens of seconds, and some records without one.
            ElapsedMs = random.Next(8) == 0 ? null : (long)Math.Exp(5 + 1.5 * Gaussian(random)),
            Message = $"m{i}",
        };
        var entries = Enumerable.Range(0, count).Select(Entry).ToArray();
        var third = count / 3;

        foreach (var chunk in entries[..third].Chunk(500))
            await fixture.Host.Scenario(s =>
            {
                s.Post.Json(chunk.Select(e => new
                {
                    ts = e.Ts, process_name = e.ProcessName, external_system = e.ExternalSystem, status = e.Status, elapsed_ms = e.ElapsedMs, message = e.Message
                })).ToUrl("/api/v1/logs");
                s.StatusCodeShouldBe(202);
            });

        var writer = fixture.Host.Services.GetRequiredService<IIntegrationLogWriter>();
        foreach (var e in entries[third..(2 * third)]) Assert.NotNull(writer.Write(e));
        await writer.FlushAsync(new CancellationTokenSource(TimeSpan.FromMinutes(1)).Token);

        var docs = entries[(2 * third)..].Select(e => LogNormalizer.Normalize(e, Guid.CreateVersion7(), DateTimeOffset.UtcNow)).ToList();
        await fixture.Store.BulkInsertAsync(docs, BulkInsertMode.InsertsOnly);
    }

    private static double Gaussian(Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());

    /// <summary>The same stats by a plain GROUP BY over the logs themselves: the ground truth.</summary>
    private async Task<List<Expected>> GroupByAsync(string period, string system, string process, string where = "true")
    {
        await using var conn = new NpgsqlConnection(fixture.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"""
            select {period}, {system}, {process}, count(*),
                   count(*) filter (where status = 'success'), count(*) filter (where status = 'failed'), count(*) filter (where status = 'retrying'),
                   avg((data ->> 'elapsed_ms')::bigint)::float8,
                   percentile_disc(0.95) within group (order by (data ->> 'elapsed_ms')::bigint)
            from hub.mt_doc_integration_log where {where}
            group by 1, 2, 3 order by 1, 2, 3
            """, conn);
        var rows = new List<Expected>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add(new Expected(reader.GetFieldValue<DateTimeOffset>(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3),
                reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6), reader.IsDBNull(7) ? null : reader.GetDouble(7),
                reader.IsDBNull(8) ? null : reader.GetInt64(8)));
        return rows;
    }

    private async Task<JsonElement> StatsAsync(string query) =>
        await (await fixture.Host.Scenario(s => { s.Get.Url($"/api/v1/logs/stats?{query}"); s.StatusCodeShouldBeOk(); })).ReadJsonAsync();

    private static void AssertSame(List<Expected> expected, JsonElement stats, bool bySystem, bool byProcess)
    {
        var items = stats.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(expected.Count, items.Count);
        foreach (var (e, a) in expected.Zip(items))
        {
            var where = $"{e.Period:O} {e.System} {e.Process}";
            Assert.Equal(e.Period, a.GetProperty("period").GetDateTimeOffset());
            if (bySystem) Assert.Equal(e.System == "" ? null : e.System, a.GetProperty("external_system").GetString());
            if (byProcess) Assert.Equal(e.Process, a.GetProperty("process_name").GetString());
            Assert.True(e.Total == a.GetProperty("total").GetInt64(), where);
            Assert.True(e.Succeeded == a.GetProperty("succeeded").GetInt64(), where);
            Assert.True(e.Failed == a.GetProperty("failed").GetInt64(), where);
            Assert.True(e.Retrying == a.GetProperty("retrying").GetInt64(), where);
            var avg = a.GetProperty("avg_elapsed_ms");
            var p95 = a.GetProperty("p95_elapsed_ms");
            if (e.Avg is null)
            {
                Assert.Equal(JsonValueKind.Null, avg.ValueKind);
                Assert.Equal(JsonValueKind.Null, p95.ValueKind);
                continue;
            }
            Assert.True(Math.Abs(e.Avg.Value - avg.GetDouble()) <= 0.051, $"{where}: avg {avg.GetDouble()} vs {e.Avg}");
            // The histogram answers within 5% of the exact nearest-rank p95 (of ms + 1, so small values are exact).
            var exact = e.P95!.Value;
            Assert.True(Math.Abs(p95.GetInt64() - exact) <= 0.05 * (exact + 1) + 0.5, $"{where}: p95 {p95.GetInt64()} vs {exact}");
        }
    }

    [Fact]
    public async Task hourly_stats_per_system_and_process_match_a_group_by_over_the_logs()
    {
        await SeedAsync();
        var expected = await GroupByAsync("date_trunc('hour', ts, 'UTC')", "coalesce(external_system, '')", "process_name");
        Assert.True(expected.Count > 100);
        var stats = await StatsAsync($"bucket=hour&from={T0:O}&to={T0.AddDays(3):O}&group_by=system,process".Replace("+", "%2B"));
        AssertSame(expected, stats, bySystem: true, byProcess: true);
    }

    [Fact]
    public async Task daily_stats_follow_the_days_of_the_requested_time_zone()
    {
        await SeedAsync();
        var expected = await GroupByAsync("date_trunc('day', ts, 'Europe/Moscow')", "coalesce(external_system, '')", "''");
        var stats = await StatsAsync($"bucket=day&from={T0:O}&to={T0.AddDays(4):O}&tz=Europe/Moscow".Replace("+", "%2B"));
        Assert.Equal("Europe/Moscow", stats.GetProperty("time_zone").GetString());
        // Days start at Moscow midnight, shown with Moscow's offset.
        Assert.Equal(new DateTimeOffset(2026, 8, 10, 0, 0, 0, TimeSpan.FromHours(3)), stats.GetProperty("from").GetDateTimeOffset());
        Assert.EndsWith("+03:00", stats.GetProperty("items")[0].GetProperty("period").GetString());
        AssertSame(expected, stats, bySystem: true, byProcess: false);
    }

    [Fact]
    public async Task days_of_the_day_zone_are_read_from_a_row_a_day_and_other_zones_from_the_hours()
    {
        await SeedAsync();
        var moscow = $"bucket=day&from={T0:O}&to={T0.AddDays(4):O}&tz=Europe/Moscow&group_by=system,process".Replace("+", "%2B");
        var expected = await GroupByAsync("date_trunc('day', ts, 'Europe/Moscow')", "coalesce(external_system, '')", "process_name");
        AssertSame(expected, await StatsAsync(moscow), bySystem: true, byProcess: true);

        // With the hourly rollups gone, Moscow's days still answer in full (their rows are the daily ones), and UTC's days,
        // which only the hours can sum, have nothing left.
        await ExecuteAsync($"delete from hub.{LogRollupSchema.HourlyTable}; delete from hub.{LogRollupSchema.ElapsedTable}");
        AssertSame(expected, await StatsAsync(moscow), bySystem: true, byProcess: true);
        Assert.Empty((await StatsAsync($"bucket=day&from={T0:O}&to={T0.AddDays(4):O}&tz=UTC".Replace("+", "%2B"))).GetProperty("items").EnumerateArray());
    }

    [Theory]
    [InlineData(5, 3 * 24 + 2)]   // a partial first and last day around two whole ones
    [InlineData(1, 20)]           // within one day: the hours alone
    [InlineData(4, 2 * 24 + 4)]   // starting at Moscow midnight (T0 is 23:00 there): whole days and a partial last one
    public async Task a_range_that_cuts_days_counts_the_same_hours_from_daily_and_hourly_rows(int fromHours, int toHours)
    {
        await SeedAsync();
        var from = T0.AddHours(fromHours).AddMinutes(fromHours == 4 ? 0 : 17);
        var to = T0.AddHours(toHours).AddMinutes(41);
        var moscow = TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow");
        await using var session = fixture.Store.QuerySession();
        var stats = await Hub.Logs.GetLogStats.GetLogStatsHandler.Handle(
            new Hub.Logs.GetLogStats.GetLogStats(StatsBucket.Day, new StatsRange(from, to), moscow, Hub.Logs.GetLogStats.StatsGrouping.System),
            session, CancellationToken.None);
        // Exactly the hours h with from ≤ h < to, as the hourly rollups alone would count them.
        var hour = "date_trunc('hour', ts, 'UTC')";
        var expected = await GroupByAsync("date_trunc('day', ts, 'Europe/Moscow')", "coalesce(external_system, '')", "''",
            $"{hour} >= '{from:O}'::timestamptz and {hour} < '{to:O}'::timestamptz");
        AssertSame(expected, JsonSerializer.SerializeToElement(stats, Hub.Logs.Api.LogJson.Options), bySystem: true, byProcess: false);
    }

    [Fact]
    public async Task a_database_with_an_older_rollup_function_is_upgraded_with_its_triggers_and_its_daily_rollups_built_from_the_hours()
    {
        await SeedAsync(1500);
        // As a database of a hub before the daily rollups: another function body, no daily tables. Weasel's own function
        // object replaced a changed function with DROP … CASCADE, which took the triggers with it.
        await ExecuteAsync($"""
            create or replace function hub.{LogRollupSchema.ApplyFunction}() returns trigger language plpgsql as $f$ begin return null; end $f$;
            drop table hub.{LogRollupSchema.DailyTable}, hub.{LogRollupSchema.DailyElapsedTable};
            """);
        await fixture.Store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await fixture.Store.Storage.Database.AssertDatabaseMatchesConfigurationAsync();

        var moscow = $"bucket=day&from={T0:O}&to={T0.AddDays(4):O}&tz=Europe/Moscow".Replace("+", "%2B");
        AssertSame(await GroupByAsync("date_trunc('day', ts, 'Europe/Moscow')", "coalesce(external_system, '')", "''"),
            await StatsAsync(moscow), bySystem: true, byProcess: false);
        // The triggers count what comes after.
        await fixture.Host.Scenario(s => { s.Post.Json(new { process_name = "late", ts = T0, external_system = "1c" }).ToUrl("/api/v1/logs"); s.StatusCodeShouldBe(202); });
        AssertSame(await GroupByAsync("date_trunc('day', ts, 'Europe/Moscow')", "coalesce(external_system, '')", "''"),
            await StatsAsync(moscow), bySystem: true, byProcess: false);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(fixture.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task one_system_or_one_process_or_no_grouping()
    {
        await SeedAsync(1500);
        var range = $"from={T0:O}&to={T0.AddDays(3):O}".Replace("+", "%2B");
        AssertSame(await GroupByAsync("date_trunc('day', ts, 'UTC')", "''", "process_name", "external_system = 'moysklad'"),
            await StatsAsync($"bucket=day&{range}&system=MoySklad&group_by=process&tz=UTC"), bySystem: false, byProcess: true);
        AssertSame(await GroupByAsync("date_trunc('hour', ts, 'UTC')", "''", "''", "process_name = 'internal_replenishment'"),
            await StatsAsync($"bucket=hour&{range}&process=internal_replenishment&group_by=none"), bySystem: false, byProcess: false);
    }

    [Fact]
    public async Task stats_of_deleted_logs_stay()
    {
        await SeedAsync(1200);
        var query = $"bucket=day&from={T0:O}&to={T0.AddDays(4):O}&tz=UTC".Replace("+", "%2B");
        var before = (await StatsAsync(query)).GetProperty("items").GetRawText();
        await using (var conn = new NpgsqlConnection(fixture.ConnectionString))
        {
            await conn.OpenAsync();
            await using var delete = new NpgsqlCommand("delete from hub.mt_doc_integration_log", conn);
            Assert.Equal(1200, await delete.ExecuteNonQueryAsync());
        }
        Assert.Equal(before, (await StatsAsync(query)).GetProperty("items").GetRawText());
    }

    [Fact]
    public async Task a_record_updated_in_place_moves_from_its_old_counts_to_its_new_ones()
    {
        var doc = LogNormalizer.Normalize(new LogEntry { Ts = T0, ProcessName = "p", ExternalSystem = "1c", Status = "failed", ElapsedMs = 10 },
            Guid.CreateVersion7(), T0);
        await using (var session = fixture.Store.LightweightSession())
        {
            session.Store(doc);
            await session.SaveChangesAsync();
        }
        doc.Status = "success";
        doc.ElapsedMs = 5000;
        doc.UpdatedAt = T0.AddMinutes(1);
        await using (var session = fixture.Store.LightweightSession())
        {
            session.Store(doc);
            await session.SaveChangesAsync();
        }

        var item = Assert.Single((await StatsAsync($"bucket=hour&from={T0:O}&to={T0.AddHours(1):O}".Replace("+", "%2B"))).GetProperty("items").EnumerateArray());
        Assert.Equal(1, item.GetProperty("total").GetInt64());
        Assert.Equal(1, item.GetProperty("succeeded").GetInt64());
        Assert.Equal(0, item.GetProperty("failed").GetInt64());
        Assert.Equal(5000, item.GetProperty("avg_elapsed_ms").GetDouble());
        Assert.InRange(item.GetProperty("p95_elapsed_ms").GetInt64(), 4750, 5250);
    }

    [Fact]
    public async Task rollups_created_on_a_database_with_logs_start_from_those_logs()
    {
        // As on an existing database upgraded to a hub with rollups: logs stored before the trigger existed.
        await using (var conn = new NpgsqlConnection(fixture.ConnectionString))
        {
            await conn.OpenAsync();
            await using var drop = new NpgsqlCommand(
                $"drop trigger {LogRollupSchema.InsertTrigger} on hub.mt_doc_integration_log; drop trigger {LogRollupSchema.UpdateTrigger} on hub.mt_doc_integration_log", conn);
            await drop.ExecuteNonQueryAsync();
        }
        try
        {
            await SeedAsync(900);
            Assert.Empty((await StatsAsync($"bucket=day&from={T0:O}&to={T0.AddDays(4):O}&tz=UTC".Replace("+", "%2B"))).GetProperty("items").EnumerateArray());
        }
        finally
        {
            await fixture.Store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        }
        AssertSame(await GroupByAsync("date_trunc('day', ts, 'UTC')", "coalesce(external_system, '')", "''"),
            await StatsAsync($"bucket=day&from={T0:O}&to={T0.AddDays(4):O}&tz=UTC".Replace("+", "%2B")), bySystem: true, byProcess: false);

        // …and from then on the trigger counts new logs on top.
        await fixture.Host.Scenario(s => { s.Post.Json(new { process_name = "late", ts = T0, external_system = "1c" }).ToUrl("/api/v1/logs"); s.StatusCodeShouldBe(202); });
        AssertSame(await GroupByAsync("date_trunc('day', ts, 'UTC')", "coalesce(external_system, '')", "''"),
            await StatsAsync($"bucket=day&from={T0:O}&to={T0.AddDays(4):O}&tz=UTC".Replace("+", "%2B")), bySystem: true, byProcess: false);
    }

    [Fact]
    public async Task without_a_range_hourly_stats_cover_the_last_24_hours_including_this_one()
    {
        await fixture.Host.Scenario(s => { s.Post.Json(new { process_name = "now", external_system = "1c", status = "success", elapsed_ms = 42 }).ToUrl("/api/v1/logs"); s.StatusCodeShouldBe(202); });
        var stats = await StatsAsync("");
        Assert.Equal("hour", stats.GetProperty("bucket").GetString());
        var from = stats.GetProperty("from").GetDateTimeOffset();
        var to = stats.GetProperty("to").GetDateTimeOffset();
        Assert.Equal(TimeSpan.FromHours(24), to - from);
        Assert.True(to >= DateTimeOffset.UtcNow.AddMinutes(-1) && to.Minute == 0 && to.Second == 0, $"to {to:O}");
        var item = Assert.Single(stats.GetProperty("items").EnumerateArray());
        Assert.Equal("1c", item.GetProperty("external_system").GetString());
        Assert.Equal(42, item.GetProperty("p95_elapsed_ms").GetInt64());

        var daily = await StatsAsync("bucket=day");
        Assert.Equal(30, (daily.GetProperty("to").GetDateTimeOffset() - daily.GetProperty("from").GetDateTimeOffset()).TotalDays);
    }

    [Theory]
    [InlineData("bucket=week", "bucket")]
    [InlineData("group_by=server", "group_by")]
    [InlineData("tz=Mars/Olympus", "tz")]
    [InlineData("from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z", "to")]
    [InlineData("bucket=hour&from=2026-01-01T00:00:00Z&to=2026-11-01T00:00:00Z", "from")]
    public async Task bad_parameters_are_problem_details_naming_them(string query, string parameter)
    {
        var result = await fixture.Host.Scenario(s => { s.Get.Url($"/api/v1/logs/stats?{query}"); s.StatusCodeShouldBe(400); });
        var problem = await result.ReadJsonAsync();
        Assert.Contains(problem.GetProperty("errors").EnumerateArray(), e => e.GetProperty("name").GetString() == parameter);
    }
}
