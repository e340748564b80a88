using FastEndpoints;
using Hub.Contracts.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Hub.Host.Health;

public sealed record StatusResponse(string Status);

public sealed class RootEndpoint : EndpointWithoutRequest<StatusResponse>
{
    public override void Configure()
    {
        Get("/");
        AllowAnonymous();
        Description(d => d.WithTags("Health"));
        Summary(s => s.Summary = "Liveness: the process answers");
    }

    public override Task HandleAsync(CancellationToken ct) => Send.OkAsync(new StatusResponse("ok"), ct);
}

public sealed record DbHealthResponse(string Status, double RoundTripMs, string? ServerVersion, string? Reason);

public sealed class DbHealthEndpoint(DatabaseProbe probe) : EndpointWithoutRequest<DbHealthResponse>
{
    public override void Configure()
    {
        Get("/health/db");
        AllowAnonymous();
        Description(d => d.WithTags("Health").Produces<DbHealthResponse>(503));
        Summary(s => s.Summary = "PostgreSQL reachability with the round-trip time; 503 with the reason when it does not answer");
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var (ok, ms, version, reason) = await probe.PingAsync(ct);
        await Send.ResponseAsync(new DbHealthResponse(ok ? "ok" : "unavailable", ms, version, reason), ok ? 200 : 503, ct);
    }
}

/// <summary>Liveness: the checks tagged live (the process answers), without the database, so a database outage restarts nothing.</summary>
public sealed class LiveEndpoint(HealthCheckService health) : EndpointWithoutRequest<StatusResponse>
{
    public override void Configure()
    {
        Get("/health/live");
        AllowAnonymous();
        Description(d => d.WithTags("Health").Produces<StatusResponse>(503));
        Summary(s => s.Summary = "Liveness: the process answers (the checks tagged live); the database is readiness's business");
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var report = await health.CheckHealthAsync(r => r.Tags.Contains(HealthTags.Live), ct);
        var ok = report.Status != HealthStatus.Unhealthy;
        await Send.ResponseAsync(new StatusResponse(ok ? "ok" : "unhealthy"), ok ? 200 : 503, ct);
    }
}

public sealed record ReadyCheck(string Status, string? Description, IReadOnlyDictionary<string, object> Data, double DurationMs);
public sealed record ReadyResponse(string Status, IReadOnlyDictionary<string, ReadyCheck> Checks);

public sealed class ReadyEndpoint(HealthCheckService health) : EndpointWithoutRequest<ReadyResponse>
{
    public override void Configure()
    {
        Get("/health/ready");
        AllowAnonymous();
        Description(d => d.WithTags("Health").Produces<ReadyResponse>(503));
        Summary(s => s.Summary = "Readiness: database, schema, log writer (and each module's own checks)");
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var report = await health.CheckHealthAsync(r => r.Tags.Contains(HealthTags.Ready), ct);
        var checks = report.Entries.ToDictionary(e => e.Key, e => new ReadyCheck(
            Name(e.Value.Status), e.Value.Description, e.Value.Data, Math.Round(e.Value.Duration.TotalMilliseconds, 2)));
        await Send.ResponseAsync(new ReadyResponse(Name(report.Status), checks), report.Status == HealthStatus.Unhealthy ? 503 : 200, ct);
    }

    private static string Name(HealthStatus s) => s switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Degraded => "degraded",
        _ => "unhealthy"
    };
}
