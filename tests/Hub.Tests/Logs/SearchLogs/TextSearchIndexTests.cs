using Hub.Logs.Querying;
using Marten;
using Hub.Logs.Search;
using Npgsql;

namespace Hub.Tests.Logs.SearchLogs;

/// <summary>
/// The text search is answered from its trigram index, created by the schema on a fresh database: PostgreSQL uses an
/// expression index only for the very same expression, so the search's SQL and the index must not drift apart.
/// </summary>
[Collection(LogsCollection.Name)]
public sealed class TextSearchIndexTests(LogsFixture fixture)
{
    [Fact]
    public async Task the_index_built_over_rows_already_stored_leaves_the_planner_statistics_of_the_searched_text()
    {
        await fixture.ResetAsync();
        var now = DateTimeOffset.UtcNow;
        await fixture.Store.BulkInsertAsync(Enumerable.Range(0, 200).Select(i => Hub.Logs.Writing.LogNormalizer.Normalize(
            new Hub.Contracts.Logging.LogEntry { ProcessName = "stats", Message = $"Остаток на складе {i}" }, Guid.CreateVersion7(), now)).ToList(),
            Weasel.Core.BulkInsertMode.InsertsOnly);
        var schema = fixture.Store.Options.DatabaseSchemaName;
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        async Task<long> StatisticsAsync()
        {
            // Expression statistics are kept under the name of each month's index, a partition of the trigram index.
            await using var count = new NpgsqlCommand($"""
                select count(*) from pg_stats s
                join pg_class c on c.relname = s.tablename
                join pg_inherits i on i.inhrelid = c.oid
                where s.schemaname = '{schema}' and i.inhparent = '{schema}.{LogSearchText.IndexName}'::regclass
                """, connection);
            return (long)(await count.ExecuteScalarAsync())!;
        }
        // As on a database upgraded to the version with the search index: its rows analysed before the index existed.
        await using (var drop = new NpgsqlCommand($"drop index {schema}.{LogSearchText.IndexName}; analyze {schema}.mt_doc_integration_log", connection))
            await drop.ExecuteNonQueryAsync();

        await fixture.Store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();

        Assert.True(await StatisticsAsync() > 0);
    }

    [Theory]
    [InlineData("СИ00-000004")]
    [InlineData("недостаточен")]
    [InlineData("syncId")]
    public async Task a_text_search_is_planned_on_the_trigram_index(string text)
    {
        var (where, args) = new LogFilter { Text = text }.ToSql();
        var position = 0;
        var sql = System.Text.RegularExpressions.Regex.Replace(where, @"\?", _ => $"${++position}");
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        // A test table is small enough for a scan, or a walk down the (ts, id) index, to look cheaper: the question is whether
        // the trigram index can answer the search's condition at all, so only a bitmap scan (which needs an index condition) is left.
        await using (var off = new NpgsqlCommand("set enable_seqscan = off; set enable_indexscan = off", connection)) await off.ExecuteNonQueryAsync();
        await using var explain = new NpgsqlCommand(
            $"explain select d.id from {fixture.Store.Options.DatabaseSchemaName}.mt_doc_integration_log d {sql}", connection);
        foreach (var arg in args) explain.Parameters.Add(new NpgsqlParameter { Value = arg });
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
            while (await reader.ReadAsync()) plan.Add(reader.GetString(0));
        // The table is partitioned by month: the scans are on each month's own index, the partitions of the trigram index.
        var indexes = new List<string> { LogSearchText.IndexName };
        await using (var parts = new NpgsqlCommand(
            $"select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = '{fixture.Store.Options.DatabaseSchemaName}.{LogSearchText.IndexName}'::regclass", connection))
        await using (var reader = await parts.ExecuteReaderAsync())
            while (await reader.ReadAsync()) indexes.Add(reader.GetString(0));
        Assert.Contains(plan, line => indexes.Any(index => line.Contains($"Bitmap Index Scan on {index}")));
        Assert.DoesNotContain(plan, line => line.Contains("Bitmap Index Scan") && !indexes.Any(index => line.Contains($"on {index}")));
    }
}
