using System.Security.Cryptography;
using System.Text;
using Hub.Admin.Shell;
using Hub.Contracts.Security;
using Marten;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Hub.Admin.SignIn;

/// <summary>
/// The cookie handler's session store: tickets live in <see cref="AdminSession"/> documents and the cookie holds a
/// random id. Every request looks the session up and checks, on the hub's clock, that it is neither expired nor idle
/// and that the key which opened it is still configured; the principal gets the key's roles as they are now.
/// </summary>
/// <remarks>
/// While the database is away, a session this node has seen is still honoured from memory (its expiry and its key checked
/// as always), so an open page can say that the database is down instead of sending everyone to a sign-in that cannot work.
/// </remarks>
public sealed partial class AdminSessionStore(
    IDocumentStore store, IApiKeyVerifier keys, TimeProvider clock, AdminSessionOptions options, ILogger<AdminSessionStore> logger) : ITicketStore
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, AdminSession> lastSeen = new();

    public Task<string> StoreAsync(AuthenticationTicket ticket) => StoreAsync(ticket, CancellationToken.None);

    public async Task<string> StoreAsync(AuthenticationTicket ticket, CancellationToken cancellationToken)
    {
        var key = ticket.Principal.FindFirst(AdminAuth.KeyFingerprintClaim)?.Value is { } fp ? keys.Current(fp) : null;
        if (key is null) throw new InvalidOperationException("A session can only be opened for a configured key.");
        var now = clock.GetUtcNow();
        var sessionId = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await using var session = store.LightweightSession();
        // Sessions nobody signed out of would pile up; each sign-in clears the ones past their absolute limit.
        session.DeleteWhere<AdminSession>(s => s.ExpiresAt < now);
        session.Store(new AdminSession
        {
            Id = Hash(sessionId),
            KeyFingerprint = key.Fingerprint,
            KeyName = key.Name,
            RingVersion = keys.RingVersion,
            CreatedAt = now,
            LastSeenAt = now,
            ExpiresAt = now + options.Absolute,
            Ticket = TicketSerializer.Default.Serialize(ticket),
        });
        await session.SaveChangesAsync(cancellationToken);
        return sessionId;
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket) => RenewAsync(key, ticket, CancellationToken.None);

    public async Task RenewAsync(string key, AuthenticationTicket ticket, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        if (await session.LoadAsync<AdminSession>(Hash(key), cancellationToken) is not { } stored) return;
        stored.Ticket = TicketSerializer.Default.Serialize(ticket);
        session.Store(stored);
        await session.SaveChangesAsync(cancellationToken);
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => RetrieveAsync(key, CancellationToken.None);

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, CancellationToken cancellationToken)
    {
        var id = Hash(key);
        try
        {
            return await RetrieveStoredAsync(id, cancellationToken);
        }
        catch (Exception ex) when (AdminResponse.IsDatabaseDown(ex) && lastSeen.TryGetValue(id, out var known))
        {
            var now = clock.GetUtcNow();
            if (options.Ended(known, now) is not null || keys.Current(known.KeyFingerprint) is not { } current
                || TicketSerializer.Default.Deserialize(known.Ticket) is not { } remembered)
            {
                lastSeen.TryRemove(id, out _);
                return null;
            }

            return new AuthenticationTicket(AdminAuth.SessionPrincipal(current), remembered.Properties, remembered.AuthenticationScheme);
        }
    }

    private async Task<AuthenticationTicket?> RetrieveStoredAsync(string id, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        if (await session.LoadAsync<AdminSession>(id, cancellationToken) is not { } stored)
        {
            lastSeen.TryRemove(id, out _);
            return null;
        }
        var now = clock.GetUtcNow();
        var ended = options.Ended(stored, now) ?? (keys.Current(stored.KeyFingerprint) is null ? "key removed" : null);
        if (ended is not null)
        {
            LogEnded(stored.KeyName, ended);
            lastSeen.TryRemove(id, out _);
            session.Delete<AdminSession>(id);
            await session.SaveChangesAsync(cancellationToken);
            return null;
        }
        var current = keys.Current(stored.KeyFingerprint)!;
        if (now - stored.LastSeenAt >= AdminSessionOptions.TouchEvery || stored.RingVersion != keys.RingVersion)
        {
            stored.LastSeenAt = now;
            stored.RingVersion = keys.RingVersion;
            session.Store(stored);
            await session.SaveChangesAsync(cancellationToken);
        }
        if (TicketSerializer.Default.Deserialize(stored.Ticket) is not { } ticket) return null;
        lastSeen[id] = stored;
        // The roles come from the ring, not from sign-in: a key that lost a role loses it in its open sessions too.
        return new AuthenticationTicket(AdminAuth.SessionPrincipal(current), ticket.Properties, ticket.AuthenticationScheme);
    }

    public Task RemoveAsync(string key) => RemoveAsync(key, CancellationToken.None);

    public async Task RemoveAsync(string key, CancellationToken cancellationToken)
    {
        lastSeen.TryRemove(Hash(key), out _);
        await using var session = store.LightweightSession();
        session.Delete<AdminSession>(Hash(key));
        await session.SaveChangesAsync(cancellationToken);
    }

    public Task<string> StoreAsync(AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken) =>
        StoreAsync(ticket, cancellationToken);

    public Task RenewAsync(string key, AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken) =>
        RenewAsync(key, ticket, cancellationToken);

    public Task<AuthenticationTicket?> RetrieveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken) =>
        RetrieveAsync(key, cancellationToken);

    public Task RemoveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken) =>
        RemoveAsync(key, cancellationToken);

    private static string Hash(string sessionId) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sessionId)));

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin session of key {KeyName} ended: {Reason}")]
    private partial void LogEnded(string keyName, string reason);
}
