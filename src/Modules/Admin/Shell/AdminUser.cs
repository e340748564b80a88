using System.Security.Claims;
using Hub.Contracts.Security;

namespace Hub.Admin.Shell;

/// <summary>What the signed-in person may do, so a page offers only that; the endpoints check again on their own.</summary>
public static class AdminUser
{
    public static bool CanOperate(ClaimsPrincipal user) => user.IsInRole(HubRoles.Operator);

    public static string RoleOf(ClaimsPrincipal user) =>
        new[] { HubRoles.Admin, HubRoles.Operator, HubRoles.Viewer, HubRoles.Ingest }.FirstOrDefault(user.IsInRole) ?? "none";
}
