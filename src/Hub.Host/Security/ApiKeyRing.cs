using System.Security.Cryptography;
using System.Text;
using Hub.Contracts.Security;

namespace Hub.Host.Security;

/// <summary>
/// The keys the hub accepts, held only as SHA-256 hashes. A presented key is hashed and compared with every
/// configured hash in constant time, so neither the comparison nor the number of keys tried leaks how close a guess was.
/// </summary>
public sealed class ApiKeyRing
{
    /// <summary>Longer keys are refused unhashed: no real key is this long, and hashing megabytes per request is a cheap attack.</summary>
    public const int MaxKeyLength = 512;

    public ApiKeyRing(IReadOnlyList<ApiKey> keys) => Keys = keys;

    public IReadOnlyList<ApiKey> Keys { get; }

    public bool IsEmpty => Keys.Count == 0;

    public ApiKey? Find(string presented)
    {
        if (presented.Length is 0 or > MaxKeyLength) return null;
        var hash = Hash(presented);
        ApiKey? found = null;
        // No early exit: every key is compared whatever matched first.
        foreach (var key in Keys)
            if (CryptographicOperations.FixedTimeEquals(hash, key.Hash) && found is null)
                found = key;
        return found;
    }

    public ApiKeyRing With(ApiKey key) => new([.. Keys, key]);

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>A new random key for a development run: 32 random bytes, URL-safe, prefixed so it is recognisable in a shell history.</summary>
    public static string NewKey() => "hub_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static ApiKey Development(string key) => new("development", HubRoles.Admin, Hash(key));
}
