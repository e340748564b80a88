using Marten;

namespace Hub.Host.Database;

/// <summary>Compares the live database with what Marten (and Wolverine's storage inside it) expects.</summary>
public static class SchemaCheck
{
    public const string FixCommand = "dotnet run --project src/Hub.Host -- db-apply";

    /// <summary>Null when the schema matches; otherwise one line that says what is wrong and what fixes it.</summary>
    public static async Task<string?> FindDriftAsync(IDocumentStore store, CancellationToken ct = default)
    {
        try
        {
            await store.Storage.Database.AssertDatabaseMatchesConfigurationAsync(ct);
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var first = ex.GetBaseException().Message.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim();
            return ex.GetType().Name.Contains("Npgsql") || ex.GetBaseException() is System.Net.Sockets.SocketException or Npgsql.NpgsqlException
                ? $"Cannot check the database schema: {first}"
                : $"The database schema does not match this version of the hub; run `{FixCommand}` (or start with RUN_MIGRATIONS_ON_STARTUP=true).";
        }
    }
}
