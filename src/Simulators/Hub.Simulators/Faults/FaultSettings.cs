namespace Hub.Simulators.Faults;

// Immutable so a request can take one snapshot and behave consistently even if a test swaps faults mid-flight.
public sealed record FaultSettings
{
    // A fresh instance each time: configuration binding writes into whatever instance it is handed.
    public static FaultSettings None => new();

    public int LatencyMs { get; init; }

    public double ErrorRate { get; init; }

    // МойСклад only: 1C has no rate limiter to imitate.
    public bool Force429 { get; init; }

    public double TimeoutRate { get; init; }

    public int TimeoutMs { get; init; } = 30_000;

    public double DropRate { get; init; }

    // 1C only: posting is refused with 1C's business text ("Не удалось провести …", HTTP 500, code -1); the
    // document stays written but unposted, and no retry will cure it.
    public bool FailPost { get; init; }

    // 1C only: the posting call fails for a technical reason (503, a lock wait timed out); the document stays written
    // and unposted, the state the hub must recover from by finding it and posting it again.
    public bool PostUnavailable { get; init; }

    public bool HtmlErrors { get; init; }

    // Comma-separated HTTP methods ("POST") these faults are limited to; empty means every request. Lets a test
    // time out a create without also timing out the lookup a client makes just before it.
    public string? Methods { get; init; }

    public bool AppliesTo(string method) =>
        string.IsNullOrWhiteSpace(Methods) || MethodList().Any(m => m.Equals(method, StringComparison.OrdinalIgnoreCase));

    private string[] MethodList() => (Methods ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    public string? Validate()
    {
        if (LatencyMs < 0) return "latencyMs must be >= 0";
        if (TimeoutMs < 0) return "timeoutMs must be >= 0";
        if (ErrorRate is < 0 or > 1) return "errorRate must be within 0..1";
        if (TimeoutRate is < 0 or > 1) return "timeoutRate must be within 0..1";
        if (DropRate is < 0 or > 1) return "dropRate must be within 0..1";
        if (MethodList().Any(m => !m.All(char.IsAsciiLetter))) return "methods must be HTTP methods separated by commas, e.g. \"POST\"";
        return null;
    }
}
