using Alba;
using Hub.Contracts.Security;
using Hub.Host.Security;
using Microsoft.AspNetCore.Hosting;

namespace Hub.Tests.Infrastructure;

/// <summary>One API key per role, configured on every test host; the admin key is given as its SHA-256 to exercise that form.</summary>
public static class TestKeys
{
    public const string Ingest = "test-ingest-key-7f3a9c2e";
    public const string Viewer = "test-viewer-key-4b8d1e6f";
    public const string Operator = "test-operator-key-9a2c5d3b";
    public const string Admin = "test-admin-key-1e7f4a8c";

    public static string For(string role) => role switch
    {
        HubRoles.Ingest => Ingest,
        HubRoles.Viewer => Viewer,
        HubRoles.Operator => Operator,
        HubRoles.Admin => Admin,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "not a hub role")
    };

    /// <summary>The keys as configuration entries (Auth:Keys:n:…).</summary>
    public static Dictionary<string, string?> Settings()
    {
        var settings = new Dictionary<string, string?>();
        var i = 0;
        foreach (var role in HubRoles.All)
        {
            settings[$"Auth:Keys:{i}:Name"] = $"test-{role}";
            settings[$"Auth:Keys:{i}:Role"] = role;
            if (role == HubRoles.Admin) settings[$"Auth:Keys:{i}:Sha256"] = Convert.ToHexStringLower(ApiKeyRing.Hash(For(role)));
            else settings[$"Auth:Keys:{i}:Key"] = For(role);
            i++;
        }
        return settings;
    }

    /// <summary>Configures the keys on a test host, for a test that builds its own Alba host rather than using a fixture.</summary>
    public static IWebHostBuilder UseTestKeys(this IWebHostBuilder builder)
    {
        foreach (var (key, value) in Settings()) builder.UseSetting(key, value);
        return builder;
    }

    /// <summary>Makes every scenario of the host send the admin key unless it sends a key of its own (see <see cref="WithKey"/>).</summary>
    public static IAlbaHost SendingAdminKeyByDefault(this IAlbaHost host)
    {
        host.BeforeEach(c =>
        {
            if (!c.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName) && !c.Request.Headers.ContainsKey("Authorization"))
                c.Request.Headers[ApiKeyAuthenticationHandler.HeaderName] = Admin;
        });
        return host;
    }

    /// <summary>The same keys as environment variables, for a hub run as a process.</summary>
    public static Dictionary<string, string?> Environment() => HubProcess.Environment(Settings());

    /// <summary>Sends the request with this key instead of the fixture's default admin key.</summary>
    public static Scenario WithKey(this Scenario scenario, string key)
    {
        scenario.ConfigureHttpContext(c =>
        {
            c.Request.Headers.Remove("Authorization");
            c.Request.Headers[ApiKeyAuthenticationHandler.HeaderName] = key;
        });
        return scenario;
    }

    /// <summary>Sends the request with no key at all.</summary>
    public static Scenario WithoutKey(this Scenario scenario)
    {
        scenario.ConfigureHttpContext(c =>
        {
            c.Request.Headers.Remove(ApiKeyAuthenticationHandler.HeaderName);
            c.Request.Headers.Remove("Authorization");
        });
        return scenario;
    }
}
