using Microsoft.Extensions.Configuration;

namespace Hub.Admin.Shell;

/// <summary>Admin:PollSeconds and Admin:PageSize (ADMIN_POLL_SECONDS, ADMIN_PAGE_SIZE), clamped to what the pages offer.</summary>
public sealed record AdminOptions(int PollSeconds, int PageSize)
{
    public const int MinPageSize = 100;
    public const int MaxPageSize = 2000;
    public const int MinPollSeconds = 2;
    public const int MaxPollSeconds = 30;

    public static AdminOptions From(IConfiguration configuration) => new(
        Math.Clamp(configuration.GetValue("Admin:PollSeconds", 5), MinPollSeconds, MaxPollSeconds),
        Math.Clamp(configuration.GetValue("Admin:PageSize", 500), MinPageSize, MaxPageSize));
}
