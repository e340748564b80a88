using Npgsql;

namespace Hub.Logs.Writing;

/// <summary>Tells a record PostgreSQL refuses (retrying it can never help) from a database that is away for now.</summary>
public static class LogWriteFailure
{
    public static bool IsDataError(Exception ex) => Postgres(ex) is { } pg && IsDataState(pg.SqlState);

    /// <summary>SQLSTATE classes of refused values: 22 data exception, 23 integrity, 54 program limits (index row too large).</summary>
    public static bool IsDataState(string state) => state.StartsWith("22") || state.StartsWith("23") || state.StartsWith("54");

    public static bool IsTransient(Exception ex) => !IsDataError(ex) && Chain(ex).Any(e => e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException);

    /// <summary>One line without SQL or values: Marten's command exceptions carry the whole statement.</summary>
    public static string Describe(Exception ex) => Postgres(ex) is { } pg
        ? $"PostgreSQL {pg.SqlState}: {pg.MessageText}"
        : CredentialScrubber.ScrubText(ex.GetBaseException().Message)!.Split('\n')[0];

    private static PostgresException? Postgres(Exception ex) => Chain(ex).OfType<PostgresException>().FirstOrDefault();

    private static IEnumerable<Exception> Chain(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException) yield return ex;
    }
}
