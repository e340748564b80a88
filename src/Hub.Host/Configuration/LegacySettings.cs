using Npgsql;

namespace Hub.Host.Configuration;

/// <summary>
/// The users' settings from their earlier hub (requirements §4) keep working: an old environment variable
/// overrides appsettings files, and loses only to the same setting given under its .NET environment name.
/// </summary>
public static class LegacySettings
{
    public static readonly IReadOnlyDictionary<string, string> Map = new Dictionary<string, string>
    {
        ["RUN_MIGRATIONS_ON_STARTUP"] = "Database:RunMigrationsOnStartup",
        ["ADMIN_POLL_SECONDS"] = "Admin:PollSeconds",
        ["ADMIN_PAGE_SIZE"] = "Admin:PageSize",
        ["ADMIN_TRIGGER_TOKEN"] = "Admin:TriggerToken",
        ["HUB_LOG_FORMAT"] = "Logging:Format",
    };

    public static void Apply(IConfigurationManager configuration, IDictionary<string, string?>? environment = null)
    {
        var env = environment ?? Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value);
        var extra = new Dictionary<string, string?>();
        foreach (var (oldName, key) in Map)
            if (env.TryGetValue(oldName, out var value) && !string.IsNullOrEmpty(value) && !env.ContainsKey(key.Replace(":", "__")))
                extra[key] = value;

        if (string.IsNullOrEmpty(configuration.GetConnectionString("Hub"))
            && env.TryGetValue("DATABASE_URL", out var url) && !string.IsNullOrEmpty(url))
            extra["ConnectionStrings:Hub"] = FromDatabaseUrl(url);

        if (extra.Count > 0) configuration.AddInMemoryCollection(extra);
    }

    /// <summary>postgresql://user:pass@host:port/db?sslmode=require → an Npgsql connection string.</summary>
    public static string FromDatabaseUrl(string url)
    {
        var uri = new Uri(url.Replace("postgresql+asyncpg://", "postgresql://").Replace("postgres://", "postgresql://"));
        var userInfo = uri.UserInfo.Split(':', 2);
        var b = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
            Username = Uri.UnescapeDataString(userInfo[0]),
        };
        if (userInfo.Length > 1) b.Password = Uri.UnescapeDataString(userInfo[1]);
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            if (kv[0].Equals("sslmode", StringComparison.OrdinalIgnoreCase) && kv.Length == 2
                && Enum.TryParse<SslMode>(kv[1], true, out var mode))
                b.SslMode = mode;
        }
        return b.ConnectionString;
    }
}
