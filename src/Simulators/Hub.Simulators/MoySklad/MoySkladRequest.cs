namespace Hub.Simulators.MoySklad;

public sealed class MoySkladRequest
{
    public required HttpContext Http { get; init; }

    // Built from the Host the client used, so every href it gets back points at this simulator.
    public required string BaseUrl { get; init; }

    public required string[] Segments { get; init; }

    public required MoySkladCredential Credential { get; init; }

    public required CancellationToken Aborted { get; init; }

    public string Method => Http.Request.Method;

    public string PathText => "/" + string.Join('/', Segments);

    public string? Query(string name)
    {
        var values = Http.Request.Query[name];
        return values.Count == 0 ? null : values.ToString();
    }

    public string Href(string relative) => $"{BaseUrl}/{relative}";
}
