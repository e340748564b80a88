namespace Hub.Integrations.Http;

/// <summary>What a client says about a call for its integration log: the action's name and the attempt number.</summary>
public static class CallContext
{
    public static readonly HttpRequestOptionsKey<string> Action = new("hub.action");
    public static readonly HttpRequestOptionsKey<int> Attempt = new("hub.attempt");

    public static HttpRequestMessage WithAction(this HttpRequestMessage request, string action, int attempt = 0)
    {
        request.Options.Set(Action, action);
        request.Options.Set(Attempt, attempt);
        return request;
    }
}
