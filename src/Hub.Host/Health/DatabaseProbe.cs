using System.Diagnostics;
using Hub.Logs.Writing;
using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Hub.Host.Health;

/// <summary>
/// A short-timeout round trip to PostgreSQL on its own data source, so a health probe answers within
/// seconds while the database is down instead of waiting on the application's pool.
/// </summary>
public sealed class DatabaseProbe(NpgsqlDataSource dataSource)
{
    public static NpgsqlDataSource CreateDataSource(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString) { Timeout = 3, CommandTimeout = 3, Pooling = true, MaxPoolSize = 2, ApplicationName = "hub-health" };
        return NpgsqlDataSource.Create(b.ConnectionString);
    }

    public async Task<(bool Ok, double RoundTripMs, string? ServerVersion, string? Reason)> PingAsync(CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            await using var conn = await dataSource.OpenConnectionAsync(ct);
            await using var cmd = new NpgsqlCommand("select 1", conn);
            await cmd.ExecuteScalarAsync(ct);
            return (true, Math.Round(watch.Elapsed.TotalMilliseconds, 2), conn.PostgreSqlVersion.ToString(), null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return (false, Math.Round(watch.Elapsed.TotalMilliseconds, 2), null, CredentialScrubber.ScrubText(ex.GetBaseException().Message));
        }
    }
}

public sealed class DatabaseHealthCheck(DatabaseProbe probe) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var (ok, ms, version, reason) = await probe.PingAsync(ct);
        var data = new Dictionary<string, object> { ["round_trip_ms"] = ms };
        if (version is not null) data["server_version"] = version;
        return ok ? HealthCheckResult.Healthy("reachable", data) : HealthCheckResult.Unhealthy(reason, data: data);
    }
}

/// <summary>Schema drift check, cached briefly because it reads the catalogue of every table.</summary>
public sealed class SchemaHealthCheck(IDocumentStore store, TimeProvider clock) : IHealthCheck
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    private (DateTimeOffset At, string? Problem)? _last;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        if (_last is not { } last || now - last.At > CacheFor || last.Problem is not null)
        {
            var problem = await Database.SchemaCheck.FindDriftAsync(store, ct);
            _last = last = (now, problem);
        }
        return last.Problem is null ? HealthCheckResult.Healthy("matches the configuration") : HealthCheckResult.Unhealthy(last.Problem);
    }
}
