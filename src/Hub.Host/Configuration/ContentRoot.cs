namespace Hub.Host.Configuration;

/// <summary>Where the hub reads appsettings.json from: see Program.cs.</summary>
public static class ContentRoot
{
    /// <summary>Null (the default: the working directory) when it holds the settings or a content root is named; else the program's folder.</summary>
    public static string? Choose(string[] args, string workingDirectory, string programDirectory)
    {
        var named = args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase))
                    || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT"))
                    || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT"));
        return named || File.Exists(Path.Combine(workingDirectory, "appsettings.json")) ? null : programDirectory;
    }
}
