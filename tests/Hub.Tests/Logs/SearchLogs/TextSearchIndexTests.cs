using Hub.Logs.Querying;
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
