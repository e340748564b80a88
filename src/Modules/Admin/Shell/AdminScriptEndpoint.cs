using System.Text;
using FastEndpoints;
using Microsoft.AspNetCore.Http;

namespace Hub.Admin.Shell;

/// <summary>
/// The pages' few behaviours that are not htmx, as a script file: the Content-Security-Policy runs scripts only from
/// the hub, so no page carries inline handlers. A form with data-confirm asks first; a button with data-clear empties
/// the element it names.
/// </summary>
public sealed class AdminScriptEndpoint : EndpointWithoutRequest
{
    public const string Path = "/admin/assets/hub.js";

    private static readonly byte[] Script = Encoding.UTF8.GetBytes("""
        document.addEventListener('submit', function (e) {
          var form = e.target.closest('form[data-confirm]');
          if (form && !window.confirm(form.getAttribute('data-confirm'))) e.preventDefault();
        }, true);
        document.addEventListener('click', function (e) {
          var button = e.target.closest('[data-clear]');
          if (!button) return;
          var target = document.getElementById(button.getAttribute('data-clear'));
          if (target) target.innerHTML = '';
        });
        """);

    public override void Configure()
    {
        Get(Path);
        AllowAnonymous();
        Description(d => d.ExcludeFromDescription());
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        HttpContext.Response.Headers.CacheControl = "public, max-age=3600";
        await Send.BytesAsync(Script, contentType: "text/javascript; charset=utf-8", cancellation: ct);
    }
}
