using Hub.Contracts.Security;

namespace Hub.Host.Security;

/// <summary>Lets the admin sign-in check a key without the Admin module knowing how keys are stored.</summary>
public sealed class ApiKeyVerifier(ApiKeyRing ring) : IApiKeyVerifier
{
    public VerifiedKey? Verify(string presented) =>
        ring.Find(presented.Trim()) is { } key ? new VerifiedKey(key.Name, key.Roles) : null;
}
