using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Hub.Integrations.References;

/// <summary>
/// "external-references" in /health/ready: Degraded, never Unhealthy, when a configured name is missing or could not be
/// checked. The hub itself works; orders that need the name will fail until someone fixes the setting or the system.
/// </summary>
public sealed class ExternalReferencesHealthCheck(ExternalReferences results) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var systems = results.Systems;
        var data = systems.ToDictionary(s => s.System, s => (object)new Dictionary<string, object?>
        {
            ["state"] = s.StateName,
            ["summary"] = s.Describe(),
            ["names"] = s.NamesJson(),
        });
        var problems = systems.Where(s => s.State is ReferenceState.NotFound or ReferenceState.Failed).Select(s => s.Describe()).ToList();
        var result = problems.Count > 0 ? HealthCheckResult.Degraded(string.Join(" | ", problems), data: data)
            : systems.Count == 0 || systems.Any(s => s.State == ReferenceState.Checking) ? HealthCheckResult.Healthy("checking the configured names", data)
            : HealthCheckResult.Healthy(string.Join(" | ", systems.Select(s => s.Describe())), data);
        return Task.FromResult(result);
    }
}
