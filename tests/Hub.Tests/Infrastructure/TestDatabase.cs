using Npgsql;

namespace Hub.Tests.Infrastructure;

/// <summary>
/// Each fixture gets its own database on the local PostgreSQL (scripts/test.sh provisions it), so
/// collections run in parallel without resetting each other's data.
/// </summary>
public static class TestDatabase
{
    public static string ServerConnection =>
        Environment.GetEnvironmentVariable("HUB_TEST_CONNECTION") is { Length: > 0 } cs
            ? cs
            : "Host=localhost;Port=5432;Database=postgres;Username=hub;Password=hub";

    public static async Task<string> CreateAsync(string name, bool fresh = false)
    {
        var database = $"hub_test_{name}".ToLowerInvariant();
        await using (var conn = new NpgsqlConnection(ServerConnection))
        {
            await conn.OpenAsync();
            if (fresh)
                await Exec(conn, $"drop database if exists \"{database}\" with (force)");
            await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = @n", conn);
            exists.Parameters.AddWithValue("n", database);
            if (await exists.ExecuteScalarAsync() is null)
                await Exec(conn, $"create database \"{database}\"");
        }
        return new NpgsqlConnectionStringBuilder(ServerConnection) { Database = database }.ConnectionString;
    }

    private static async Task Exec(NpgsqlConnection conn, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
