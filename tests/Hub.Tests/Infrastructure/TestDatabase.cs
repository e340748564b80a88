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

    // Two checkouts of the repo (git worktrees) testing at once on one server must not share databases.
    private static readonly string Suffix =
        Environment.GetEnvironmentVariable("HUB_TEST_DB_SUFFIX") is { Length: > 0 } s ? "_" + s : "";

    public static async Task<string> CreateAsync(string name, bool fresh = false)
    {
        var database = $"hub_test_{name}{Suffix}".ToLowerInvariant();
        await using (var conn = new NpgsqlConnection(ServerConnection))
        {
            await conn.OpenAsync();
            if (fresh)
                await DropAsync(conn, database);
            await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = @n", conn);
            exists.Parameters.AddWithValue("n", database);
            if (await exists.ExecuteScalarAsync() is null)
                await Exec(conn, $"create database \"{database}\"");
        }
        return new NpgsqlConnectionStringBuilder(ServerConnection) { Database = database }.ConnectionString;
    }

    /// <summary>
    /// Drops with FORCE, which cannot end an autovacuum worker busy in that database (it runs as the superuser, and the
    /// hub role may not signal it): such a worker finishes in moments, so the drop is tried again for a while.
    /// </summary>
    private static async Task DropAsync(NpgsqlConnection conn, string database)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await Exec(conn, $"drop database if exists \"{database}\" with (force)");
                return;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InsufficientPrivilege && attempt < 50)
            {
                await Task.Delay(200);
            }
        }
    }

    private static async Task Exec(NpgsqlConnection conn, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
