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
        };
        if (s.LastError is not null) data["last_error"] = s.LastError;
        if (s.LastErrorAt is not null) data["last_error_at"] = s.LastErrorAt;
        if (s.LastFlushAt is not null) data["last_flush_at"] = s.LastFlushAt;

        var result = s.ConsecutiveFailures > 0
            ? HealthCheckResult.Unhealthy($"cannot write to the database; {s.Queued} records waiting", data: data)
            : s.Queued >= s.Capacity
                ? HealthCheckResult.Unhealthy("queue is full; new records are being dropped", data: data)
                : s.Dropped > 0
                    ? HealthCheckResult.Degraded($"{s.Dropped} records dropped since start", data: data)
                    : HealthCheckResult.Healthy("writing", data);
        return Task.FromResult(result);
    }
}
