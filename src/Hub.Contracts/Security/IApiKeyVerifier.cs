namespace Hub.Contracts.Security;

/// <summary>The key a person typed into the admin sign-in form, checked by the same ring the API uses.</summary>
public interface IApiKeyVerifier
{
    /// <summary>The key's name and every role it holds; null when the key is not recognised.</summary>
    VerifiedKey? Verify(string presented);

    /// <summary>
    /// The key with this fingerprint if it is still configured, with its roles as configured now; null once it was
    /// removed. A session keeps only the fingerprint, so a key taken out of the settings ends its sessions.
    /// </summary>
    VerifiedKey? Current(string fingerprint);

    /// <summary>Changes whenever a key is added, removed or changes role; sessions note the version they last saw.</summary>
    string RingVersion { get; }
}

/// <param name="Fingerprint">Derived from the key's hash, never the key or its hash itself: it names the key in a stored session.</param>
public sealed record VerifiedKey(string Name, IReadOnlyList<string> Roles, string Fingerprint);
