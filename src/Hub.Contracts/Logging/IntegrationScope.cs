namespace Hub.Contracts.Logging;

/// <summary>
/// The run and request in whose name outbound calls are made. Flows with the async context, so a client
/// deep in a call stack can stamp its integration logs without every method passing the ids along.
/// </summary>
public sealed record IntegrationScope(string Process, Guid? RunId = null, Guid? RequestId = null, int RetryCount = 0)
{
    private static readonly AsyncLocal<IntegrationScope?> CurrentScope = new();

    public static IntegrationScope? Current => CurrentScope.Value;

    public static IDisposable Begin(IntegrationScope scope)
    {
        var previous = CurrentScope.Value;
        CurrentScope.Value = scope;
        return new Restore(previous);
    }

    private sealed class Restore(IntegrationScope? previous) : IDisposable
    {
        public void Dispose() => CurrentScope.Value = previous;
    }
}
