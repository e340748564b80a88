using System.Diagnostics;

namespace Hub.Tests.Infrastructure;

/// <summary>Runs the built hub as a real process, the way an operator runs it from the command line.</summary>
public static class HubProcess
{
    public static string RepoRoot { get; } = FindRoot();

    /// <summary>The hub's build output matching this test build's configuration (Release under scripts/test.sh).</summary>
    public static string HostDll
    {
        get
        {
            var config = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
            return Path.Combine(RepoRoot, "src", "Hub.Host", "bin", config, "net10.0", "Hub.Host.dll");
        }
    }

    /// <summary>Configuration keys as the hub process reads them from its environment (':' becomes '__'); a later key wins.</summary>
    public static Dictionary<string, string?> Environment(IEnumerable<KeyValuePair<string, string?>> settings)
    {
        var env = new Dictionary<string, string?>();
        foreach (var (key, value) in settings) env[key.Replace(":", "__")] = value;
        return env;
    }

    public static ProcessStartInfo StartInfo(IDictionary<string, string?> env, params string[] args) => StartInfo(HostDll, env, args);

    /// <summary>The hub in <paramref name="hostDll"/> (the build output, or a published folder), started from its own folder.</summary>
    public static ProcessStartInfo StartInfo(string hostDll, IDictionary<string, string?> env, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(hostDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.ArgumentList.Add(hostDll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        // A clean environment for the hub's own settings: nothing of the developer's shell leaks in.
        foreach (var key in psi.Environment.Keys.Where(k => k.StartsWith("ConnectionStrings__") || k.StartsWith("Auth__")
                     || k is "DATABASE_URL" or "RUN_MIGRATIONS_ON_STARTUP" or "ADMIN_TRIGGER_TOKEN").ToList())
            psi.Environment.Remove(key);
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        psi.Environment["Wolverine__DurabilityMode"] = "Solo";
        foreach (var (k, v) in env)
            if (v is null) psi.Environment.Remove(k); else psi.Environment[k] = v;
        return psi;
    }

    public static Task<Processes.Result> RunAsync(IDictionary<string, string?> env, TimeSpan timeout, params string[] args) =>
        Processes.RunAsync(StartInfo(env, args), timeout);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "IntegrationHub.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("cannot find the repository root (IntegrationHub.slnx)");
    }
}
