namespace Hub.Host.Security;

/// <summary>
/// Headers on every response: no page of the hub can be framed (clickjacking of the operator's buttons), scripts come
/// only from the hub itself (an escaped payload that slipped through still would not run), no MIME sniffing, and no
/// URL with a run id or a filter leaks to another site in a Referer.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>The pages' inline CSS is allowed (htmx adds a style element too); scripts, frames, objects and form targets are not.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; " +
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// The API reference (Scalar) bootstraps itself with an inline script and styles its own widgets; it still runs
    /// nothing from elsewhere and cannot be framed.
    /// </summary>
    public const string ReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static readonly PathString ReferencePath = new("/docs");

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments(ReferencePath) ? ReferencePolicy : ContentSecurityPolicy;
            headers.XFrameOptions = "DENY";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return next(context);
        });
}
