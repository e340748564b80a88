using Hub.Logs.Writing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Hub.Logs.Health;

/// <summary>Ready while the writer commits; degraded while it retries or has dropped records, so an operator sees losses.</summary>
public sealed class LogWriterHealthCheck(BackgroundLogWriter writer) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var s = writer.Status();
        var data = new Dictionary<string, object>
        {
            ["queued"] = s.Queued,
            ["capacity"] = s.Capacity,
            ["written"] = s.Written,
            ["dropped"] = s.Dropped,
            ["consecutive_failures"] = s.ConsecutiveFailures,
            ["quarantined"] = s.Quarantined,
        };
        if (s.LastError is not null) data["last_error"] = s.LastError;
        if (s.LastErrorAt is not null) data["last_error_at"] = s.LastErrorAt;
        if (s.LastFlushAt is not null) data["last_flush_at"] = s.LastFlushAt;

        var result = s.ConsecutiveFailures > 0
            ? HealthCheckResult.Unhealthy($"cannot write to the database; {s.Queued} records waiting", data: data)
            : s.Queued >= s.Capacity
                ? HealthCheckResult.Unhealthy("queue is full; new records are being dropped", data: data)
                : s.Dropped > 0 || s.Quarantined > 0
                    ? HealthCheckResult.Degraded(Losses(s), data: data)
                    : HealthCheckResult.Healthy("writing", data);
        return Task.FromResult(result);
    }

    // Writing goes on either way; what was lost or set aside since start is what an operator needs to hear.
    private static string Losses(LogWriterStatus s) => string.Join("; ", new[]
    {
        s.Dropped > 0 ? $"{s.Dropped} records dropped since start" : null,
        s.Quarantined > 0 ? $"{s.Quarantined} records refused by PostgreSQL and quarantined (step 'quarantined')" : null,
    }.Where(x => x is not null));
}
