using Hub.Host.Configuration;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Hub.Tests.Host.Configuration;

public sealed class LegacySettingsTests
{
    private static ConfigurationManager Json(params (string Key, string Value)[] values)
    {
        var c = new ConfigurationManager();
        c.AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value)));
        return c;
    }

    [Fact]
    public void old_names_override_appsettings()
    {
        var c = Json(("Database:RunMigrationsOnStartup", "true"), ("Admin:PageSize", "500"));
        LegacySettings.Apply(c, new Dictionary<string, string?>
        {
            ["RUN_MIGRATIONS_ON_STARTUP"] = "false", ["ADMIN_PAGE_SIZE"] = "200", ["ADMIN_POLL_SECONDS"] = "10", ["ADMIN_TRIGGER_TOKEN"] = "t-1"
        });
        Assert.False(HubSettings.From(c).RunMigrationsOnStartup);
        Assert.Equal("200", c["Admin:PageSize"]);
        Assert.Equal("10", c["Admin:PollSeconds"]);
        Assert.Equal("t-1", c["Admin:TriggerToken"]);
    }

    [Fact]
    public void the_dotnet_environment_name_wins_over_the_old_one()
    {
        var c = Json(("Admin:PageSize", "300"));
        LegacySettings.Apply(c, new Dictionary<string, string?> { ["ADMIN_PAGE_SIZE"] = "200", ["Admin__PageSize"] = "300" });
        Assert.Equal("300", c["Admin:PageSize"]);
    }

    [Fact]
    public void database_url_becomes_the_connection_string_when_none_is_set()
    {
        var c = Json(("ConnectionStrings:Hub", ""));
        LegacySettings.Apply(c, new Dictionary<string, string?> { ["DATABASE_URL"] = "postgresql://hub_user:p%40ss@db.internal:6543/hubdb?sslmode=require" });
        var b = new NpgsqlConnectionStringBuilder(c.GetConnectionString("Hub"));
        Assert.Equal(("db.internal", 6543, "hubdb", "hub_user", "p@ss", SslMode.Require), (b.Host, b.Port, b.Database, b.Username, b.Password, b.SslMode));
    }

    [Fact]
    public void an_explicit_connection_string_is_kept()
    {
        var c = Json(("ConnectionStrings:Hub", "Host=a;Database=b"));
        LegacySettings.Apply(c, new Dictionary<string, string?> { ["DATABASE_URL"] = "postgres://x:y@z/w" });
        Assert.Equal("Host=a;Database=b", c.GetConnectionString("Hub"));
    }
}
