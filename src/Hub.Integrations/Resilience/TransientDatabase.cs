using Npgsql;
using Wolverine.ErrorHandling;

namespace Hub.Integrations.Resilience;

/// <summary>
/// A database that went away for a moment (a restart, a failover, a dropped connection): worth retrying for every handler,
/// never a reason to dead-letter a message. Marten wraps Npgsql's errors (MartenCommandException and others), and a
/// transaction whose rollback failed on a broken connection throws ObjectDisposedException, so the whole chain of inner
/// exceptions is looked at.
/// </summary>
public static class TransientDatabase
{
    public static bool Matches(Exception ex)
    {
        for (var e = (Exception?)ex; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // A server error is transient only for its kind (57P01 admin shutdown, 08xxx connection, 53300 too many
                // connections, 40001 serialization...); a constraint violation or a syntax error stays one on every retry.
                case PostgresException pg: return pg.IsTransient || pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState.StartsWith("57P", StringComparison.Ordinal);
                case NpgsqlException: return true;
                case ObjectDisposedException: return true;
                case System.Net.Sockets.SocketException: return true;
                case AggregateException agg when agg.InnerExceptions.Any(Matches): return true;
            }
        }

        return false;
    }

    /// <summary>Quick retries in place for a blip, then durably scheduled ones that keep trying until the database is back.</summary>
    public static void Retry(IFailureActions actions) =>
        actions.RetryWithCooldown(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(500),
                TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2))
            .Then.ScheduleRetryIndefinitely(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30));
}
