using Microsoft.Extensions.Configuration;

namespace Hub.Admin.SignIn;

/// <summary>
/// Admin:Session:IdleMinutes and Admin:Session:AbsoluteHours: a session ends after this long without a request, and
/// after this long in any case. Page polls count as requests, so an open page stays signed in until the absolute limit.
/// </summary>
public sealed record AdminSessionOptions(TimeSpan Idle, TimeSpan Absolute)
{
    public const string Section = "Admin:Session";

    /// <summary>How often a session's last-seen time is written: a page that polls every few seconds writes it once a minute.</summary>
    public static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(1);

    public static AdminSessionOptions From(IConfiguration configuration)
    {
        var idle = TimeSpan.FromMinutes(Math.Clamp(configuration.GetValue($"{Section}:IdleMinutes", 60.0), 1, 24 * 60));
        var absolute = TimeSpan.FromHours(Math.Clamp(configuration.GetValue($"{Section}:AbsoluteHours", 8.0), 0.1, 24 * 30));
        return new AdminSessionOptions(idle < absolute ? idle : absolute, absolute);
    }

    /// <summary>Why a stored session no longer counts at <paramref name="now"/>, or null while it does.</summary>
    public string? Ended(AdminSession session, DateTimeOffset now) =>
        now >= session.ExpiresAt ? "expired"
        : now - session.LastSeenAt >= Idle ? "idle"
        : null;
}
