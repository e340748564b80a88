using Microsoft.AspNetCore.Http;

namespace Hub.Admin.Shell;

/// <summary>The frame around every page: navigation, who is signed in, sign-out, and htmx.</summary>
public static class Layout
{
    public static readonly (string Path, string Title)[] Sections =
    [
        ("/admin", "Dashboard"), ("/admin/logs", "Logs"), ("/admin/stats", "Stats"), ("/admin/runs", "Runs"), ("/admin/outbox", "Outbox"), ("/admin/schedules", "Schedules"), ("/admin/health", "Health"),
    ];

    public static string Page(HttpContext context, string title, string body)
    {
        var user = context.User;
        var T = AdminText.T;
        var nav = string.Concat(Sections.Select(s =>
            $"<a href=\"{s.Path}\"{(Current(context, s.Path) ? " class=\"active\" aria-current=\"page\"" : "")}>{Html.E(T(s.Title))}</a>"));
        var who = user.Identity?.IsAuthenticated == true
            ? $"<span class=\"who\">{Html.E(user.Identity.Name)} · {Html.E(T(AdminUser.RoleOf(user)))}</span>" +
              $"<form method=\"post\" action=\"/admin/sign-out\" class=\"inline\">{AdminForms.HiddenField(context)}<button type=\"submit\">{Html.E(T("Sign out"))}</button></form>"
            : "";
        // The other language, offered on every page; the way back is this page itself.
        var back = context.Request.Path.Value + context.Request.QueryString.Value;
        var other = AdminText.English ? ("ru", "Русский") : ("en", "English");
        var language = $"<a class=\"lang\" lang=\"{other.Item1}\" href=\"/admin/language/{other.Item1}?back={Html.Q(back)}\">{Html.E(other.Item2)}</a>";
        var token = user.Identity?.IsAuthenticated == true ? AdminForms.Token(context) : "";
        return $$"""
            <!DOCTYPE html>
            <html lang="{{(AdminText.English ? "en" : "ru")}}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{Html.E(T(title))}} · {{Html.E(T("Integration Hub"))}}</title>
            <script src="/admin/assets/htmx.min.js"></script>
            <script src="{{AdminScriptEndpoint.Path}}" defer></script>
            <style>{{Css}}</style>
            </head>
            <body hx-headers='{"{{AdminForms.TokenHeader}}": "{{Html.E(token)}}"}'>
            <header><strong>{{Html.E(T("Integration Hub"))}}</strong>
            <label for="menu" class="menu-button">☰ {{Html.E(T("Menu"))}}</label><input type="checkbox" id="menu" class="menu-toggle">
            <nav aria-label="{{Html.E(T("Navigation"))}}">{{nav}}{{(user.Identity?.IsAuthenticated == true ? Badges.Placeholder : "")}}</nav><div class="user"><span class="zone" title="{{Html.E(T("Times on these pages"))}}: {{Html.E(AdminClock.Zone.Id)}}">{{Html.E(AdminClock.Label)}}</span>{{language}}{{who}}</div></header>
            <main>
            <h1>{{Html.E(T(title))}}</h1>
            {{body}}
            </main>
            </body>
            </html>
            """;
    }

    // Every page's path starts with /admin: the dashboard is current only at /admin itself.
    private static bool Current(HttpContext context, string path) =>
        path == "/admin" ? context.Request.Path.Value?.TrimEnd('/') == "/admin" : context.Request.Path.StartsWithSegments(path);

    private const string Css = """
        body{font-family:system-ui,sans-serif;margin:0;color:#1d2330;background:#f6f7f9;font-size:14px}
        header{display:flex;gap:1.5rem;align-items:center;padding:.6rem 1rem;background:#1d2330;color:#fff}
        header nav a{color:#cfd6e4;margin-right:1rem;text-decoration:none}header nav a.active{color:#fff;border-bottom:2px solid #6ea8ff}
        header .user{margin-left:auto;display:flex;gap:.6rem;align-items:center}
        header nav a.badge{color:#fff;background:#c0392b;border-radius:9px;padding:.05rem .5rem;margin-right:.5rem;font-size:12px}
        main{padding:1rem 1.5rem}h1{font-size:1.3rem;margin:.2rem 0 1rem}
        form.filters{display:flex;flex-wrap:wrap;gap:.6rem;align-items:end;background:#fff;padding:.8rem;border:1px solid #dde1e8;border-radius:6px}
        form.filters label{display:flex;flex-direction:column;font-size:12px;color:#555}
        input,select,button{font:inherit;padding:.25rem .4rem}button{cursor:pointer}
        form.inline{display:inline}
        table{border-collapse:collapse;width:100%;background:#fff;margin-top:.8rem}
        th,td{border-bottom:1px solid #e5e8ee;padding:.3rem .5rem;text-align:left;vertical-align:top}
        th{background:#eef1f6;font-weight:600}
        pre{margin:0;white-space:pre-wrap;word-break:break-all;font-size:12px;max-width:60rem}
        .lvl-ERROR,.lvl-CRITICAL{color:#b3261e;font-weight:600}.lvl-WARNING{color:#8a5a00}
        .notice{padding:.8rem;background:#fff;border:1px solid #dde1e8;border-radius:6px;margin-top:.8rem}
        .error{padding:.8rem;background:#fdecea;border:1px solid #f5c2bd;border-radius:6px;margin-top:.8rem;color:#7a1c14}
        .ok{color:#1b6e2e}.bad{color:#b3261e}ul.checks{margin:.3em 0 0;padding-left:1.1em;font-size:.9em}
        #record:not(:empty){position:fixed;top:3rem;right:1rem;bottom:1rem;width:min(55rem,60vw);overflow:auto;background:#fff;border:1px solid #aab;box-shadow:0 4px 24px #0003;padding:1rem;border-radius:6px}
        dl.fields{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dl.fields dt{color:#555}
        .muted{color:#777}
        h2{font-size:1.05rem;margin:1.2rem 0 .2rem}.warn{color:#8a5a00}
        .panels{display:grid;grid-template-columns:repeat(auto-fit,minmax(20rem,1fr));gap:0 1.5rem}
        dl.data{margin:0;gap:0 .6rem}dl.data dd{margin:0}
        p.export{margin:.5rem 0 0}p.tabs{margin:0 0 .6rem}
        section.system{background:#fff;border:1px solid #dde1e8;border-radius:6px;padding:.6rem 1rem;margin-top:.8rem}section.system h2{font-size:1.05rem;margin:.2rem 0}
        .charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(340px,1fr));gap:.8rem}.charts figure{margin:0}.charts figcaption{font-size:12px;color:#555}
        svg.chart{width:100%;height:auto}svg.chart .grid{stroke:#e5e8ee}svg.chart .axis{font-size:10px;fill:#667}
        svg.chart .succeeded{fill:#3c9a52}svg.chart .retrying{fill:#d39b1d}svg.chart .failed{fill:#c8372d}svg.chart .other{fill:#9aa3b2}svg.chart .duration{fill:#4a74d9}
        svg.chart g.bar:hover rect{opacity:.75}td.num,th.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
        header a.lang{color:#cfd6e4;text-decoration:none;border:1px solid #4a5366;border-radius:4px;padding:.1rem .4rem}
        .menu-button,.menu-toggle{display:none}
        header{flex-wrap:wrap}
        @media (max-width:1000px){
          main table{display:block;overflow-x:auto;max-width:100%}
          pre{max-width:100%}
          #record:not(:empty){left:.5rem;right:.5rem;width:auto}
        }
        @media (max-width:760px){
          header{gap:.6rem}
          .menu-button{display:inline-block;cursor:pointer;color:#fff;border:1px solid #4a5366;border-radius:4px;padding:.2rem .5rem;margin-left:auto}
          header nav{display:none;flex-basis:100%;flex-direction:column;gap:.2rem}
          header nav a{padding:.35rem 0;margin:0}
          .menu-toggle:checked ~ nav{display:flex}
          header .user{flex-basis:100%;margin-left:0;flex-wrap:wrap}
          main{padding:.8rem}
          form.filters{flex-direction:column;align-items:stretch}
          form.filters label,form.filters input,form.filters select{width:100%;box-sizing:border-box}
        }
        /* Stats page: the legend's colour swatches, the colours of the charts. */
        .legend{display:inline-flex;flex-wrap:wrap;gap:.1rem .6rem}.legend-item{white-space:nowrap}svg.swatch{vertical-align:-1px}
        svg.swatch .succeeded{fill:#3c9a52}svg.swatch .retrying{fill:#d39b1d}svg.swatch .failed{fill:#c8372d}svg.swatch .other{fill:#9aa3b2}
        /* Dashboard: the counters as tiles that wrap on a narrow screen; the chart of the week kept small. */
        .tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(12rem,1fr));gap:.6rem;margin-top:.8rem}
        a.tile{display:block;background:#fff;border:1px solid #dde1e8;border-radius:6px;padding:.6rem .8rem;color:inherit;text-decoration:none}
        a.tile:hover{border-color:#6ea8ff}a.tile .count{display:block;font-size:1.4rem;font-weight:600;font-variant-numeric:tabular-nums}
        a.tile .label{color:#555;font-size:12px}a.tile.warn .count{color:#8a5a00}a.tile.bad .count{color:#b3261e}a.tile.quiet .count{color:#777}
        figure.runs-chart{margin:.4rem 0 0;max-width:32rem}
        /* Phone layout (issue 16; checked by tests/browser-firefox/layout-check.js in Chromium and Firefox at 1366x768 and 390x844). */
        /* At a laptop the logs fit the page: a message's long unbroken OData path breaks rather than widening the table.
           Only the message (the sixth column): on every cell it would break short words too ("succes|s", "Бестужев|ых"). */
        @media (min-width:1001px){#logs td:nth-child(6){overflow-wrap:anywhere}}
        @media (max-width:760px){
          /* Folded, the header is one row (name and menu button); opened, the links and then who is signed in, the language and Sign out. */
          header .user{display:none}
          .menu-toggle:checked ~ .user{display:flex}
          header .user form.inline button{padding:.3rem .8rem}
          /* A table scrolls in its box rather than squeezing each column to its longest word: rows stay a few lines tall. */
          main td,main th{min-width:7rem}
          main td.num,main th.num{min-width:3rem}
          /* Name and value one under the other: a long name ("dispatched, scope freed") leaves the value no room beside it. */
          dl.fields{grid-template-columns:minmax(0,1fr);gap:0}
          dl.fields dt{margin-top:.4rem;font-size:12px}
          dl.fields dd{margin:0;overflow-wrap:anywhere}
          h1{overflow-wrap:anywhere}
          form.filters input[type=checkbox]{width:auto}
        }
        /* Logs page: one line per record, the message ellipsised; a line opens in place under it. */
        table#logs td{white-space:nowrap}table#logs td.msg,table#logs th.msg{width:100%;max-width:0;overflow:hidden;text-overflow:ellipsis}
        table#logs a.f{color:inherit;text-decoration:none;border-bottom:1px dotted #99a}table#logs a.f:hover{color:#1f5bd6;border-bottom-color:#1f5bd6}
        table#logs a.lvl-ERROR,table#logs a.lvl-CRITICAL{color:#b3261e}table#logs a.lvl-WARNING{color:#8a5a00}
        table#logs tr.log{cursor:pointer}table#logs tr.log:hover{background:#f3f6fb}
        button.disclose{border:0;background:none;padding:0 .3rem 0 0;font-size:12px;color:#556}button.disclose[aria-expanded=true]{transform:rotate(90deg)}
        table#logs tr.preview>td{white-space:normal;background:#fafbfd;padding:.6rem 1rem}
        .expanded p.message{white-space:pre-wrap;margin:.1rem 0 .4rem}.expanded .error-text{color:#7a1c14;white-space:pre-wrap}
        .expanded h4{margin:.6rem 0 .2rem;font-size:12px;color:#555}.expanded pre.json{max-width:100%;background:#fff;border:1px solid #e5e8ee;padding:.4rem;overflow:auto}
        .expanded p.cut{margin:.2rem 0;font-size:12px;color:#555}
        fieldset.levels{border:0;margin:0;padding:0;display:flex;gap:.5rem;align-items:center;font-size:12px}fieldset.levels legend{color:#555;padding:0;float:left;margin-right:.3rem}
        form.filters label.check{flex-direction:row;align-items:center;gap:.2rem;color:inherit}
        table#logs:has(tr.log)+#empty{display:none}
        @media (max-width:1000px){table#logs td.msg{max-width:28rem}}@media (max-width:760px){table#logs td.msg{max-width:16rem}fieldset.levels{flex-wrap:wrap}form.filters input[type=checkbox],form.filters label.check{width:auto}}
        """;
}
