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
    /// <summary>At most this many values per choice filter: a column with more (a step per order id) is no choice to scroll.</summary>
    public const int ChoicesLimit = 200;

    private static readonly LogFilterChoices NoChoices = new([], [], [], []);

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
        var choices = NoChoices;
        if (errors.Count > 0)
        {
            inner = Html.Alert(errors.Select(AdminText.T));
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
                inner = LogsView.Table(query, page.Items, page.Next, logs.TailStart(page.Items));
            }
            catch (Exception ex) when (AdminResponse.IsDatabaseDown(ex))
            {
                inner = AdminResponse.DatabaseDown(ex);
                failing = true;
                status = AdminResponse.UnavailableStatus(HttpContext);
            }
        }
        // The choices only for the whole page (the form is not part of a refresh), and not at all with the database down.
        if (!failing && !AdminResponse.IsHtmx(HttpContext))
        {
            try
            {
                choices = await logs.ChoicesAsync(ChoicesLimit, ct);
            }
            catch (Exception ex) when (AdminResponse.IsDatabaseDown(ex))
            {
                // The list says the database is down; the form still offers what is in the URL.
            }
        }
        await AdminResponse.PageOrFragmentAsync(HttpContext, "Logs", inner,
            () => LogsView.Filters(query, choices) + LogsView.Results(query, inner, failing), ct, status);
    }
}
