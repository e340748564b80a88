namespace Hub.Admin.Shell;

public static partial class AdminText
{
    /// <summary>The Stats page.</summary>
    // Built once, by All.
    private static Dictionary<string, Entry> Stats => new(StringComparer.Ordinal)
    {
    };
}
