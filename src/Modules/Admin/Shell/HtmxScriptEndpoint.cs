using FastEndpoints;
using Microsoft.AspNetCore.Http;

namespace Hub.Admin.Shell;

/// <summary>Serves the htmx the build restored from npm and embedded; public, since the sign-in page needs it too.</summary>
public sealed class HtmxScriptEndpoint : EndpointWithoutRequest
{
    private static readonly Lazy<byte[]> Script = new(() =>
    {
        using var stream = typeof(HtmxScriptEndpoint).Assembly.GetManifestResourceStream("Hub.Admin.htmx.min.js")
                           ?? throw new InvalidOperationException("htmx is not embedded: the build restores it with npm ci in src/Modules/Admin");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    public override void Configure()
    {
        Get("/admin/assets/htmx.min.js");
        AllowAnonymous();
        Description(d => d.ExcludeFromDescription());
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        HttpContext.Response.Headers.CacheControl = "public, max-age=86400";
        await Send.BytesAsync(Script.Value, contentType: "text/javascript; charset=utf-8", cancellation: ct);
    }
}
