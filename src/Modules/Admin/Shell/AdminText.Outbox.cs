namespace Hub.Admin.Shell;

public static partial class AdminText
{
    /// <summary>The Outbox page.</summary>
    // Built once, by All.
    private static Dictionary<string, Entry> Outbox => new(StringComparer.Ordinal)
    {
    };
}
