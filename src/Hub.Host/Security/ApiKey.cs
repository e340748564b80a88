namespace Hub.Host.Security;

/// <summary>One configured key: who it is (a name for logs and 403s, never the key), its role, and the SHA-256 of the key.</summary>
public sealed record ApiKey(string Name, string Role, byte[] Hash)
{
    public IReadOnlyList<string> Roles => Contracts.Security.HubRoles.Implied(Role);
}
