using Wolverine.Configuration;
using Wolverine.Logging;
using Wolverine.Runtime;
using Wolverine.Transports;
using Wolverine.Transports.Local;

namespace Hub.Admin.Health;

/// <summary>One queue of this node: a local queue, or a listener on an external transport.</summary>
public sealed record QueueView(string Name, Uri Uri, string Kind, EndpointMode Mode, string Status, int InMemory, BufferingLimits? Buffering, int Parallelism);

/// <summary>What Wolverine knows about this node: its queues (in memory, no database) and its message store's counts (the database).</summary>
public static class WolverineNode
{
    public static IReadOnlyList<QueueView> Queues(IWolverineRuntime runtime)
    {
        // A local queue has no listener of its own: the agent that sends to it also receives, and it exists only once used.
        var agents = runtime.Endpoints.ActiveSendingAgents().ToDictionary(a => a.Destination);
        var local = runtime.Options.Transports.AllEndpoints().OfType<LocalQueue>().Select(q =>
        {
            var status = !agents.TryGetValue(q.Uri, out var agent) ? "not started"
                : agent is IListenerCircuit circuit ? circuit.Status.ToString()
                : agent.Latched ? "latched" : "accepting";
            return new QueueView(q.EndpointName, q.Uri, "local queue", q.Mode, status, q.MessageCount, q.BufferingLimits, q.MaxDegreeOfParallelism);
        });
        var listeners = runtime.Endpoints.ActiveListeners().ToArray().Select(l => new QueueView(l.Endpoint.EndpointName, l.Uri, "listener",
            l.Endpoint.Mode, l.Status.ToString(), l.QueueCount, l.Endpoint.BufferingLimits, l.Endpoint.MaxDegreeOfParallelism));
        return local.Concat(listeners).OrderBy(q => q.Kind, StringComparer.Ordinal).ThenBy(q => q.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>Incoming, scheduled, outgoing, handled and dead-letter envelopes in the durable store; needs the database.</summary>
    public static Task<PersistedCounts> StoreCountsAsync(IWolverineRuntime runtime, CancellationToken ct) =>
        runtime.Storage.Admin.FetchCountsAsync().WaitAsync(ct);
}
