using FastEndpoints;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Hub.Admin.Shell;

/// <summary>
/// What every signed-in page and form has in common: the cookie session (not the API's key scheme) and no place in the
/// API reference. Routes stay whole (no prefix), so a page's URL reads the same in its endpoint and in the HTML that links it.
/// </summary>
public sealed class AdminPages : Group
{
    public AdminPages() =>
        Configure("", ep =>
        {
            ep.AuthSchemes(AdminAuth.Scheme);
            ep.Description(d => d.ExcludeFromDescription());
        });
}
