using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Admin.Shell;

/// <summary>
/// Antiforgery for every form and htmx POST. A request signed in by cookie must carry the token; one that sends an
/// API key header carries no ambient credential a foreign page could borrow, so it needs none.
/// </summary>
public static class AdminForms
{
    public const string TokenField = "__csrf";
    public const string TokenHeader = "X-CSRF-Token";

    public static string Token(HttpContext context) =>
        context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context).RequestToken ?? "";

    public static string HiddenField(HttpContext context) =>
        $"<input type=\"hidden\" name=\"{TokenField}\" value=\"{Html.E(Token(context))}\">";

    /// <summary>The posted form when it is genuine; null after writing a 400 that says why.</summary>
    public static async Task<IFormCollection?> ReadAsync(HttpContext context, CancellationToken ct)
    {
        var byKey = context.User.Identities.Any(i => i.IsAuthenticated && i.AuthenticationType == AdminAuth.ApiKeyScheme);
        if (!byKey)
        {
            try
            {
                await context.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(context);
            }
            catch (AntiforgeryValidationException)
            {
                await AdminResponse.ErrorAsync(context, StatusCodes.Status400BadRequest,
                    "This form has expired or did not come from this hub. Reload the page and try again.", ct);
                return null;
            }
        }
        if (!context.Request.HasFormContentType)
        {
            await AdminResponse.ErrorAsync(context, StatusCodes.Status400BadRequest, "This action takes a form post.", ct);
            return null;
        }
        return await context.Request.ReadFormAsync(ct);
    }
}
