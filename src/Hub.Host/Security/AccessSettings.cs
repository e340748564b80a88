using System.Globalization;
using Hub.Contracts.Security;

namespace Hub.Host.Security;

/// <summary>
/// Reads the keys from settings: <c>Auth:Keys</c> is a list of { Name, Role, Key or Sha256 }, and the users'
/// legacy <c>ADMIN_TRIGGER_TOKEN</c> (<c>Admin:TriggerToken</c>) is one more key with the operator role.
/// A plain Key is hashed at once and not kept; Sha256 lets operators keep even that out of the settings.
/// </summary>
public static class AccessSettings
{
    public const string KeysSection = "Auth:Keys";
    public const string DevelopmentKeySetting = "Auth:DevelopmentKey";
    public const string TriggerTokenSetting = "Admin:TriggerToken";
    public const int MinKeyLength = 16;

    public const string NoKeysInProduction =
        "No API keys configured: set Auth:Keys (environment Auth__Keys__0__Name, Auth__Keys__0__Role, Auth__Keys__0__Key or __Sha256); " +
        "only the Development environment runs with a generated development key.";

    /// <summary>The configured keys, or the first problem with them as one line naming the setting.</summary>
    public static (ApiKeyRing Ring, string? Error) Read(IConfiguration configuration, bool isDevelopment = false)
    {
        var keys = new List<ApiKey>();
        var children = configuration.GetSection(KeysSection).GetChildren()
            .OrderBy(c => int.TryParse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : int.MaxValue).ToList();
        foreach (var entry in children)
        {
            var where = $"{KeysSection}:{entry.Key}";
            var name = entry["Name"] is { Length: > 0 } n ? n.Trim() : $"key-{entry.Key}";
            var role = HubRoles.Parse(entry["Role"]);
            if (role is null)
                return (new ApiKeyRing([]), $"{where} ({name}): Role '{entry["Role"]}' is not one of {string.Join(", ", HubRoles.All)}.");

            byte[] hash;
            if (entry["Sha256"] is { Length: > 0 } hex)
            {
                if (hex.Trim().Length != 64 || !TryHex(hex.Trim(), out hash))
                    return (new ApiKeyRing([]), $"{where} ({name}): Sha256 must be the 64 hex digits of the key's SHA-256 (e.g. printf %s \"$KEY\" | sha256sum).");
            }
            else if (entry["Key"] is { Length: > 0 } plain)
            {
                if (plain.Length < MinKeyLength)
                    return (new ApiKeyRing([]), $"{where} ({name}): Key is shorter than {MinKeyLength} characters; use a long random key (e.g. openssl rand -base64 32).");
                hash = ApiKeyRing.Hash(plain);
            }
            else
            {
                return (new ApiKeyRing([]), $"{where} ({name}): give the key as Key or as its SHA-256 in Sha256.");
            }
            if (keys.Any(k => k.Hash.AsSpan().SequenceEqual(hash)))
                return (new ApiKeyRing([]), $"{where} ({name}): the same key is configured twice; give each service its own key.");
            keys.Add(new ApiKey(name, role, hash));
        }

        // The old admin panel's trigger token keeps working where the users already use it.
        if (configuration[TriggerTokenSetting] is { Length: > 0 } token)
        {
            // The old panel accepted any token; outside Development a short one is refused like any short key.
            if (!isDevelopment && token.Trim().Length < MinKeyLength)
                return (new ApiKeyRing([]), $"{TriggerTokenSetting} (ADMIN_TRIGGER_TOKEN) is shorter than {MinKeyLength} characters; use a long random token (e.g. openssl rand -base64 32) or move to Auth:Keys.");
            if (keys.Any(k => k.Hash.AsSpan().SequenceEqual(ApiKeyRing.Hash(token))))
                return (new ApiKeyRing([]), $"{TriggerTokenSetting} (ADMIN_TRIGGER_TOKEN) is the same as a key in {KeysSection}; give it a value of its own.");
            keys.Add(new ApiKey("admin-trigger-token", HubRoles.Operator, ApiKeyRing.Hash(token)));
        }
        return (new ApiKeyRing(keys), null);
    }

    private static bool TryHex(string hex, out byte[] bytes)
    {
        try
        {
            bytes = Convert.FromHexString(hex);
            return true;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }
}
