using Wolverine;

namespace Hub.Host.Hosting;

/// <summary>
/// How the hub's nodes share one database. Balanced (Wolverine's leader election and agent assignment on PostgreSQL) is
/// the default outside Development, so a second replica is safe without any setting: every node handles its own
/// durable queues, the leader places the agents (message recovery, the schedules) and a node that dies has its agents
/// and its unfinished messages taken over by the others. Solo, for exactly one node, starts and recovers faster; it is
/// Development's default and elsewhere only where <see cref="Setting"/> says so.
/// </summary>
public static class HubDurability
{
    public const string Setting = "Wolverine:DurabilityMode";

    /// <summary>Wolverine's own durability settings by their names (HealthCheckPollingTime, StaleNodeTimeout…), for tuning failover.</summary>
    public const string TuningSection = "Wolverine:Durability";

    public static (DurabilityMode Mode, string? Error) Read(IConfiguration configuration, IHostEnvironment environment)
    {
        var fallback = environment.IsDevelopment() ? DurabilityMode.Solo : DurabilityMode.Balanced;
        var value = configuration[Setting];
        if (string.IsNullOrWhiteSpace(value)) return (fallback, null);
        return value.Trim().ToLowerInvariant() switch
        {
            "balanced" => (DurabilityMode.Balanced, null),
            "solo" => (DurabilityMode.Solo, null),
            _ => (fallback, $"{Setting} (environment {Setting.Replace(":", "__")}) is '{value}': use Balanced (several hub nodes on one database, the default) or Solo (exactly one node)."),
        };
    }

    public static void UseHubDurability(this WolverineOptions opts, DurabilityMode mode, IConfiguration configuration)
    {
        opts.Durability.Mode = mode;
        configuration.GetSection(TuningSection).Bind(opts.Durability);
    }
}
