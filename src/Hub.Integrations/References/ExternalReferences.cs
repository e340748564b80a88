using System.Collections.Concurrent;

namespace Hub.Integrations.References;

/// <summary>The latest result of the start-up check per system, for the health check to show.</summary>
public sealed class ExternalReferences
{
    private readonly ConcurrentDictionary<string, SystemReferences> _systems = new();

    public IReadOnlyList<SystemReferences> Systems => _systems.Values.OrderBy(s => s.System, StringComparer.Ordinal).ToArray();

    public void Set(SystemReferences result) => _systems[result.System] = result;
}
