namespace Hub.Contracts.Security;

/// <summary>
/// The roles an API key carries (requirements §3: services write, people read). An endpoint declares the
/// least role it needs, e.g. FastEndpoints' <c>Roles(HubRoles.Viewer)</c>; a key holds its own role and every
/// role it implies, so a higher key passes a lower check without endpoints listing every role above theirs.
/// </summary>
public static class HubRoles
{
    /// <summary>Services writing logs (POST /api/v1/logs, Seq ingestion); reads nothing.</summary>
    public const string Ingest = "ingest";

    /// <summary>Reads logs, stats and exports.</summary>
    public const string Viewer = "viewer";

    /// <summary>A viewer who also acts: triggers runs, replays and discards dead letters, pauses schedules.</summary>
    public const string Operator = "operator";

    /// <summary>Everything, including what changes or deletes data in bulk.</summary>
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Ingest, Viewer, Operator, Admin];

    /// <summary>The role itself and every role it implies; empty for an unknown role.</summary>
    public static IReadOnlyList<string> Implied(string role) => role switch
    {
        Admin => [Admin, Operator, Viewer, Ingest],
        Operator => [Operator, Viewer],
        Viewer => [Viewer],
        Ingest => [Ingest],
        _ => []
    };

    /// <summary>The role named by a setting, whatever its case; null when it is not one of <see cref="All"/>.</summary>
    public static string? Parse(string? name) =>
        All.FirstOrDefault(r => string.Equals(r, name?.Trim(), StringComparison.OrdinalIgnoreCase));
}
