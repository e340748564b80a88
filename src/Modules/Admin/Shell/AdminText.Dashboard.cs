namespace Hub.Admin.Shell;

public static partial class AdminText
{
    /// <summary>The dashboard.</summary>
    // Built once, by All.
    private static Dictionary<string, Entry> Dashboard => new(StringComparer.Ordinal)
    {
    };
}
