namespace Hub.Admin.Shell;

public static partial class AdminText
{
    /// <summary>The Logs pages.</summary>
    // Built once, by All.
    private static Dictionary<string, Entry> Logs => new(StringComparer.Ordinal)
    {
    };
}
