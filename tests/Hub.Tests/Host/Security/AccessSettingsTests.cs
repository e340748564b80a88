using Hub.Host.Configuration;
using Hub.Host.Security;
using Microsoft.Extensions.Configuration;

namespace Hub.Tests.Host.Security;

/// <summary>Reading the keys from settings, without a host.</summary>
public sealed class AccessSettingsTests
{
    private static (ApiKeyRing Ring, string? Error) Read(params (string Key, string Value)[] settings) =>
        AccessSettings.Read(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build());

    [Fact]
    public void keys_are_kept_as_hashes_with_their_roles_whatever_the_case_of_the_role()
    {
        var key = "service-key-0123456789abcdef";
        var (ring, error) = Read(("Auth:Keys:0:Name", "replenishment"), ("Auth:Keys:0:Role", "Ingest"), ("Auth:Keys:0:Key", key),
            ("Auth:Keys:1:Name", "ops"), ("Auth:Keys:1:Role", "operator"), ("Auth:Keys:1:Sha256", Convert.ToHexString(ApiKeyRing.Hash("ops-key-0123456789abcdef"))));
        Assert.Null(error);
        Assert.Equal(["replenishment", "ops"], ring.Keys.Select(k => k.Name));
        Assert.Equal("ingest", ring.Find(key)!.Role);
        Assert.Equal(["operator", "viewer"], ring.Find("ops-key-0123456789abcdef")!.Roles);
        Assert.Null(ring.Find("service-key-0123456789abcdeF"));
        Assert.Null(ring.Find(""));
        Assert.DoesNotContain(ring.Keys, k => k.Hash.AsSpan().SequenceEqual(System.Text.Encoding.UTF8.GetBytes(key)));
    }

    [Theory]
    [InlineData("Role", "superuser", "Auth:Keys:0 (svc): Role 'superuser' is not one of ingest, viewer, operator, admin.")]
    [InlineData("Key", "short", "Auth:Keys:0 (svc): Key is shorter than 16 characters")]
    [InlineData("Sha256", "abc", "Auth:Keys:0 (svc): Sha256 must be the 64 hex digits")]
    [InlineData("Sha256", "zz00000000000000000000000000000000000000000000000000000000000000", "Auth:Keys:0 (svc): Sha256 must be the 64 hex digits")]
    [InlineData("Nothing", "", "Auth:Keys:0 (svc): give the key as Key or as its SHA-256 in Sha256.")]
    public void a_bad_key_setting_is_one_line_naming_the_setting(string field, string value, string expected)
    {
        var settings = new List<(string, string)> { ("Auth:Keys:0:Name", "svc"), ("Auth:Keys:0:Role", "viewer") };
        if (field == "Role") settings = [("Auth:Keys:0:Name", "svc"), ("Auth:Keys:0:Role", value), ("Auth:Keys:0:Key", "long-enough-key-0123456789")];
        else if (field != "Nothing") settings.Add(($"Auth:Keys:0:{field}", value));
        var (ring, error) = Read(settings.ToArray());
        Assert.True(ring.IsEmpty);
        Assert.NotNull(error);
        Assert.StartsWith(expected, error);
        Assert.DoesNotContain('\n', error);
    }

    [Fact]
    public void one_key_configured_twice_is_refused()
    {
        var (_, error) = Read(("Auth:Keys:0:Role", "viewer"), ("Auth:Keys:0:Key", "same-key-0123456789abcdef"),
            ("Auth:Keys:1:Role", "admin"), ("Auth:Keys:1:Key", "same-key-0123456789abcdef"));
        Assert.Equal("Auth:Keys:1 (key-1): the same key is configured twice; give each service its own key.", error);
    }

    [Fact]
    public void the_legacy_trigger_token_becomes_an_operator_key()
    {
        var (ring, error) = Read(("Admin:TriggerToken", "legacy-trigger-token-long-enough"));
        Assert.Null(error);
        var key = Assert.Single(ring.Keys);
        Assert.Equal(("admin-trigger-token", "operator"), (key.Name, key.Role));
        Assert.Same(key, ring.Find("legacy-trigger-token-long-enough"));
    }

    [Fact]
    public void describe_masks_every_key_setting_but_names_and_roles()
    {
        Assert.Equal("***", MaskedConfiguration.Mask("Auth:Keys:0:Key", "service-key-0123456789abcdef"));
        Assert.Equal("***", MaskedConfiguration.Mask("Auth:Keys:0:Sha256", new string('a', 64)));
        Assert.Equal("***", MaskedConfiguration.Mask("Auth:DevelopmentKey", "dev-key-0123456789abcdef"));
        Assert.Equal("***", MaskedConfiguration.Mask("Admin:TriggerToken", "legacy"));
        Assert.Equal("viewer", MaskedConfiguration.Mask("Auth:Keys:0:Role", "viewer"));
        Assert.Equal("svc", MaskedConfiguration.Mask("Auth:Keys:0:Name", "svc"));
    }

    [Theory]
    [InlineData("x")]
    [InlineData("short-token-15ch")]
    public void outside_development_a_short_legacy_trigger_token_is_refused_without_echoing_it(string token)
    {
        token = token[..Math.Min(token.Length, AccessSettings.MinKeyLength - 1)];
        var config = new ConfigurationBuilder().AddInMemoryCollection([KeyValuePair.Create("Admin:TriggerToken", (string?)token)]).Build();
        var (ring, error) = AccessSettings.Read(config, isDevelopment: false);
        Assert.NotNull(error);
        Assert.StartsWith("Admin:TriggerToken (ADMIN_TRIGGER_TOKEN) is shorter than 16 characters", error);
        if (token.Length > 1) Assert.DoesNotContain(token, error);
        Assert.True(ring.IsEmpty);

        var (development, developmentError) = AccessSettings.Read(config, isDevelopment: true);
        Assert.Null(developmentError);
        Assert.Equal("operator", development.Find(token)!.Role);
    }
}
