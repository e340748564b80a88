using System.Text;
using FastEndpoints;
using Microsoft.AspNetCore.Http;

namespace Hub.Admin.Shell;

/// <summary>
/// The pages' few behaviours that are not htmx, as a script file: the Content-Security-Policy runs scripts only from
/// the hub, so no page carries inline handlers. A form with data-confirm asks first; a button with data-clear empties
/// the element it names; a polling element with data-pause-while skips its refresh while the selector matches (htmx's own
/// trigger filters are JavaScript it would eval, which the policy forbids), and with data-pause-hidden also while the tab
/// is hidden. The Logs page's: a button.disclose opens and closes the line its aria-controls names (a click elsewhere on
/// a tr.log line presses it, unless text is being selected or a link was clicked); a poller with data-since sends it as
/// the since parameter and keeps the one each answer's X-Hub-Tail-Since header gives; a checkbox with data-url-flag
/// keeps its state in the address, so a reload or a shared link keeps the tail on; a table with data-unique-rows shows
/// each tr.log data-id once (a record that arrived late is put on top by the tail and may come again with "Load more").
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
        document.addEventListener('htmx:beforeRequest', function (e) {
          var selector = e.detail.elt.getAttribute && e.detail.elt.getAttribute('data-pause-while');
          if (selector && document.querySelector(selector)) e.preventDefault();
          if (e.detail.elt.hasAttribute && e.detail.elt.hasAttribute('data-pause-hidden') && document.hidden) e.preventDefault();
        });
        document.addEventListener('click', function (e) {
          var button = e.target.closest('button.disclose');
          if (!button) {
            var line = e.target.closest('tr.log');
            if (!line || e.target.closest('a, button, input, select') || String(window.getSelection() || '')) return;
            button = line.querySelector('button.disclose');
            if (button) button.click();
            return;
          }
          var panel = document.getElementById(button.getAttribute('aria-controls'));
          var open = button.getAttribute('aria-expanded') !== 'true';
          button.setAttribute('aria-expanded', open ? 'true' : 'false');
          if (panel) panel.hidden = !open;
        });
        document.addEventListener('change', function (e) {
          var box = e.target.closest && e.target.closest('input[data-url-flag]');
          if (!box) return;
          var url = new URL(window.location.href);
          if (box.checked) url.searchParams.set(box.name, box.value); else url.searchParams.delete(box.name);
          history.replaceState(null, '', url);
        });
        document.addEventListener('htmx:configRequest', function (e) {
          var since = e.detail.elt.getAttribute && e.detail.elt.getAttribute('data-since');
          if (since) e.detail.parameters['since'] = since;
        });
        document.addEventListener('htmx:afterSwap', function () {
          document.querySelectorAll('table[data-unique-rows]').forEach(function (table) {
            var seen = {};
            table.querySelectorAll('tr.log[data-id]').forEach(function (row) {
              var id = row.getAttribute('data-id');
              if (!seen[id]) { seen[id] = true; return; }
              var next = row.nextElementSibling;
              if (next && next.classList.contains('preview')) next.remove();
              row.remove();
            });
          });
        });
        document.addEventListener('htmx:afterRequest', function (e) {
          var elt = e.detail.elt, xhr = e.detail.xhr;
          var since = xhr && xhr.status === 200 && xhr.getResponseHeader('X-Hub-Tail-Since');
          if (since && elt.hasAttribute && elt.hasAttribute('data-since')) elt.setAttribute('data-since', since);
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
