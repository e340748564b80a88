namespace Hub.Integrations.References;

/// <summary>Where the start-up check of one system's configured names stands.</summary>
public enum ReferenceState { Checking, Found, NotFound, Failed, NotConfigured }

/// <summary>One configured name: found, or not, with the closest names the system does have.</summary>
/// <param name="Problem">Why the name could not be looked up at all (the user may not read that catalogue), instead of closest names.</param>
public sealed record NameCheck(string Kind, string Setting, string Name, bool Found, IReadOnlyList<string> Closest, string? Problem = null);

/// <summary>One system's answer to "do the names in our settings exist there?", and why not when it could not say.</summary>
public sealed record SystemReferences(string System, string Label, ReferenceState State, IReadOnlyList<NameCheck> Names, string? Problem = null)
{
    public string StateName => State switch
    {
        ReferenceState.Checking => "checking",
        ReferenceState.Found => "found",
        ReferenceState.NotFound => "not_found",
        ReferenceState.Failed => "failed",
        _ => "not_configured",
    };

    /// <summary>The names as the users' JSON spells fields (snake_case), for the health check's data and the integration log.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, object?>> NamesJson() => Names.Select(n => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
    {
        ["kind"] = n.Kind,
        ["name"] = n.Name,
        ["setting"] = n.Setting,
        ["found"] = n.Found,
        ["closest"] = n.Closest,
        ["problem"] = n.Problem,
    }).ToList();

    /// <summary>The one line an operator reads in the console: what was found, what was not and what is there instead.</summary>
    public string Describe() => $"{Label}: {Summary()}";

    public string Summary()
    {
        var found = Names.Where(n => n.Found).Select(n => $"{n.Kind} '{n.Name}'").ToList();
        var missing = Names.Where(n => !n.Found).Select(n => n.Problem is not null
            ? $"{n.Kind}{(n.Name.Length == 0 ? "" : $" '{n.Name}'")} ({n.Setting}) could not be checked: {n.Problem}"
            : (n.Name.Length == 0 ? $"{n.Kind}: no name set ({n.Setting})" : $"{n.Kind} '{n.Name}' ({n.Setting}) not found") +
            (n.Closest.Count == 0 ? "" : $", {(n.Name.Length == 0 ? "available" : "closest")}: {string.Join(", ", n.Closest.Select(c => $"'{c}'"))}")).ToList();
        return State switch
        {
            ReferenceState.Checking => "checking the configured names",
            ReferenceState.Found => $"configured names found: {string.Join(", ", found)}",
            ReferenceState.NotFound => string.Join("; ", missing) + (found.Count == 0 ? "" : $"; found: {string.Join(", ", found)}"),
            _ => $"configured names not checked: {Problem}",
        };
    }
}
