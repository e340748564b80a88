namespace Hub.Admin.Shell;

public static partial class AdminText
{
    /// <summary>The Health page.</summary>
    // Built once, by All.
    private static Dictionary<string, Entry> Health => new(StringComparer.Ordinal)
    {
    };
}
