namespace Hub.Host.Configuration;

/// <summary>Host-level settings read once at start.</summary>
public sealed record HubSettings(string ConnectionString, bool RunMigrationsOnStartup, string SchemaName, bool JsonConsole)
{
    public const string MissingConnection =
        "No database configured: set ConnectionStrings:Hub (environment ConnectionStrings__Hub) or DATABASE_URL, or start the hub with ./scripts/run.sh, which provisions a local PostgreSQL.";

    public static HubSettings From(IConfiguration c) => new(
        ConnectionString: c.GetConnectionString("Hub") ?? "",
        RunMigrationsOnStartup: c.GetValue("Database:RunMigrationsOnStartup", true),
        SchemaName: c["Database:Schema"] is { Length: > 0 } s ? s : "hub",
        JsonConsole: string.Equals(c["Logging:Format"], "json", StringComparison.OrdinalIgnoreCase));
}
