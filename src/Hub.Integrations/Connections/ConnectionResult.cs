namespace Hub.Integrations.Connections;

/// <summary>How one system's connection check ended.</summary>
public enum ConnectionOutcome
{
    /// <summary>No credentials (or no address) in the settings: nothing was asked.</summary>
    NotConfigured,
    /// <summary>The system answered and every configured name exists there.</summary>
    Ok,
    /// <summary>The system answered, but a configured name it should know is missing.</summary>
    NamesMissing,
    /// <summary>No usable answer: refused credentials, a server error, no answer in time, a body that is not what we expect.</summary>
    Failed,
}

/// <summary>
/// One system's answer to check-connections. <see cref="BaseUrl"/> is the configured address without any user or
/// password in it, and <see cref="Text"/> never holds a configured credential, so both can be shown anywhere.
/// </summary>
/// <param name="System">The system's id in logs and settings (<c>moysklad</c>, <c>1c</c>).</param>
/// <param name="Label">The system's name for people (МойСклад, 1C).</param>
/// <param name="ElapsedMs">The ping's round trip when the system answered; the time until the failure when it did not; null when not configured.</param>
/// <param name="Text">What the server said and which configured names were found; the reason when it failed; what to set when not configured.</param>
/// <param name="CheckedAt">When this system's check ended.</param>
/// <param name="Checks">For 1C: each object the hub needs (published, readable), the transfer order's attributes, the
/// organization and priority, one line each.</param>
/// <param name="Facts">What <paramref name="Text"/> says of the server, as name and value (organizations, 44), and
/// <paramref name="Names"/> the name check it reports: the parts a page tells in its reader's language. Not in the API's JSON.</param>
public sealed record ConnectionResult(
    string System, string Label, ConnectionOutcome Outcome, string BaseUrl, long? ElapsedMs, string Text, DateTimeOffset CheckedAt,
    IReadOnlyList<OneC.ReadinessLine>? Checks = null,
    [property: System.Text.Json.Serialization.JsonIgnore] IReadOnlyList<KeyValuePair<string, string>>? Facts = null,
    [property: System.Text.Json.Serialization.JsonIgnore] References.SystemReferences? Names = null)
{
    public IReadOnlyList<OneC.ReadinessLine> Lines => Checks ?? [];

    public bool Configured => Outcome != ConnectionOutcome.NotConfigured;

    public bool Ok => Outcome == ConnectionOutcome.Ok;

    /// <summary>The line check-connections prints; operators and scripts read it, so its shape stays as it has always been.</summary>
    public string ConsoleLine()
    {
        var label = Label.PadRight(9);
        var line = Outcome switch
        {
            ConnectionOutcome.NotConfigured => $"{label} FAILED  not configured: {Text}",
            ConnectionOutcome.Failed => $"{label} FAILED  {BaseUrl}  {Text}",
            _ => $"{label} {(Ok ? "OK    " : "FAILED")}  {ElapsedMs} ms  {BaseUrl}  {Text}",
        };
        // The system's line stays first and alone on its line, as scripts read it; the object checks follow, indented.
        return Lines.Count == 0 ? line : line + string.Concat(Lines.Select(l => $"{Environment.NewLine}          {l}"));
    }
}
