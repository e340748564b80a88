using System.Security.Cryptography;
using System.Text;
using Hub.Contracts.Security;

namespace Hub.Host.Security;

/// <summary>Lets the admin sign-in check a key, and a session find its key again, without the Admin module knowing how keys are stored.</summary>
public sealed class ApiKeyVerifier : IApiKeyVerifier
{
    private readonly ApiKeyRing _ring;
    private readonly Dictionary<string, ApiKey> _byFingerprint;

    public ApiKeyVerifier(ApiKeyRing ring)
    {
        _ring = ring;
        _byFingerprint = ring.Keys.GroupBy(Fingerprint).ToDictionary(g => g.Key, g => g.First());
        // Names and roles are part of the version: a key that changes role ends up with a new one as well.
        var lines = ring.Keys.Select(k => $"{Convert.ToHexStringLower(k.Hash)}:{k.Role}:{k.Name}").Order(StringComparer.Ordinal);
        RingVersion = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", lines))))[..16];
    }

    public string RingVersion { get; }

    public VerifiedKey? Verify(string presented) => _ring.Find(presented.Trim()) is { } key ? ToVerified(key) : null;

    public VerifiedKey? Current(string fingerprint) => _byFingerprint.TryGetValue(fingerprint, out var key) ? ToVerified(key) : null;

    private static VerifiedKey ToVerified(ApiKey key) => new(key.Name, key.Roles, Fingerprint(key));

    /// <summary>A hash of the key's hash under a purpose of its own, so a stored session never holds what the settings hold (Sha256).</summary>
    public static string Fingerprint(ApiKey key) =>
        Convert.ToHexStringLower(SHA256.HashData([.. "hub-admin-session:"u8, .. key.Hash]));
}
