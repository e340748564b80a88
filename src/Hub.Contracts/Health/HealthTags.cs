namespace Hub.Contracts.Health;

/// <summary>
/// The tags of ASP.NET Core's health checks: <c>/health/live</c> runs the liveness ones (the process answers; an
/// orchestrator restarts it when they fail), <c>/health/ready</c> the readiness ones (database, schema, log writer,
/// external references: a load balancer stops sending requests while they fail).
/// </summary>
public static class HealthTags
{
    public const string Live = "live";
    public const string Ready = "ready";
}
