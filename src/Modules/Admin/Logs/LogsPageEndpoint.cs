using FastEndpoints;
using Hub.Admin.Shell;
using Hub.Contracts.Security;
using Microsoft.AspNetCore.Http;

namespace Hub.Admin.Logs;

/// <summary>
/// GET /admin/logs: the filter form and the newest page. htmx asks the same URL for the results alone (auto-refresh)
/// or, with a cursor, for the next rows only ("load more").
/// </summary>
public sealed class LogsPageEndpoint(ILogReader logs, AdminOptions options, TimeProvider clock) : EndpointWithoutRequest
{
    public override void Configure()
    {
        Get("/admin/logs");
        Group<AdminPages>();
        Roles(HubRoles.Viewer);
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var query = LogsQuery.Parse(HttpContext.Request.Query, options);
        var (request, errors) = query.ToSearch(clock.GetUtcNow(), logs);
        string inner;
        var failing = false;
        var status = StatusCodes.Status200OK;
        if (errors.Count > 0)
        {
            inner = Html.Alert(errors);
            status = StatusCodes.Status400BadRequest;
        }
        else
        {
            try
            {
                var page = await logs.SearchAsync(request, ct);
                if (AdminResponse.IsHtmx(HttpContext) && query.Next is not null)
                {
                    await AdminResponse.WriteAsync(HttpContext, StatusCodes.Status200OK, LogsView.Rows(query, page.Items, page.Next), ct);
                    return;
                }
                inner = LogsView.Table(query, page.Items, page.Next);
            }
            catch (Exception ex) when (AdminResponse.IsDatabaseDown(ex))
            {
                inner = AdminResponse.DatabaseDown(ex);
                failing = true;
                status = AdminResponse.UnavailableStatus(HttpContext);
            }
        }
        await AdminResponse.PageOrFragmentAsync(HttpContext, "Logs", inner,
            () => LogsView.Filters(query) + LogsView.Results(query, inner, failing), ct, status);
    }
}
