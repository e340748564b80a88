namespace Hub.Admin.Shell;

public static partial class AdminText
{
    /// <summary>The Runs pages.</summary>
    // Built once, by All.
    private static Dictionary<string, Entry> Runs => new(StringComparer.Ordinal)
    {
    };
}
