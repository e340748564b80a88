namespace Hub.Contracts.Security;

/// <summary>The key a person typed into the admin sign-in form, checked by the same ring the API uses.</summary>
public interface IApiKeyVerifier
{
    /// <summary>The key's name and every role it holds; null when the key is not recognised.</summary>
    VerifiedKey? Verify(string presented);
}

public sealed record VerifiedKey(string Name, IReadOnlyList<string> Roles);
