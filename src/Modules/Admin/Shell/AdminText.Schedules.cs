namespace Hub.Admin.Shell;

public static partial class AdminText
{
    /// <summary>The Schedules page.</summary>
    // Built once, by All.
    private static Dictionary<string, Entry> Schedules => new(StringComparer.Ordinal)
    {
    };
}
