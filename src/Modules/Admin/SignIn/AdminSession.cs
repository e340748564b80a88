namespace Hub.Admin.SignIn;

/// <summary>
/// One signed-in admin session, kept on the server: the cookie carries only a random session id, so a session ends
/// where this document ends (sign-out, expiry, its key removed) whatever copy of the cookie is still around.
/// </summary>
public sealed class AdminSession
{
    /// <summary>The SHA-256 of the session id in the cookie, so the table alone cannot be replayed as cookies.</summary>
    public string Id { get; set; } = "";

    /// <summary>The fingerprint of the key that opened the session (<see cref="Contracts.Security.VerifiedKey.Fingerprint"/>).</summary>
    public string KeyFingerprint { get; set; } = "";

    public string KeyName { get; set; } = "";

    /// <summary>The key ring's version when the key was last found in it.</summary>
    public string RingVersion { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>The authentication ticket as ASP.NET serialises it (name, roles, properties; never the key).</summary>
    public byte[] Ticket { get; set; } = [];
}
