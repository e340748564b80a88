using FastEndpoints;
using Hub.Admin.Shell;
using Hub.Contracts.Security;
using Microsoft.AspNetCore.Http;

namespace Hub.Admin.Outbox;

/// <summary>GET /admin/outbox: parked orders with filters (operators get replay and discard, one or all matching), then what is still pending.</summary>
public sealed class OutboxPageEndpoint(IOutbox outbox) : EndpointWithoutRequest
{
    public override void Configure()
    {
        Get("/admin/outbox");
        Group<AdminPages>();
        Roles(HubRoles.Viewer);
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var query = OutboxQuery.Parse(HttpContext.Request.Query);
        var (filter, errors) = query.ToFilter(outbox);
        // The outcome of the last action comes back in the URL as a word and a number, never as text to print, so a link cannot put words on the page.
        var done = Query<string>("done", false) is "replayed" or "discarded" && Query<int?>("count", false) is { } count
            ? OutboxView.Done(Query<string>("done")!, count)
            : "";
        string body;
        var status = StatusCodes.Status200OK;
        if (filter is null)
        {
            body = Html.Alert(errors.Select(AdminText.T)); // the API's fixed words, in the reader's language
            status = StatusCodes.Status400BadRequest;
        }
        else
        {
            try
            {
                var page = await outbox.ParkedAsync(filter, 200, ct);
                var canOperate = AdminUser.CanOperate(User);
                // A dry run of the bulk action is the count the buttons show, computed by the same handler that would act.
                var bulk = canOperate && page.Items.Count > 0
                    ? OutboxView.BulkActions(HttpContext, query, await outbox.CountParkedAsync(filter, ct))
                    : "";
                // What waits for an operator leads, whatever the filter shows.
                var lead = OutboxView.Lead(await outbox.CountParkedAsync(new ParkedOrderQuery(null, null, null, null, null), ct), await outbox.CountRetryingAsync(ct));
                body = lead + $"<h2>{Runs.Shown.W("Parked")}</h2>" + bulk + OutboxView.Table(HttpContext, page, canOperate) +
                       PendingDeliveries.Table(await outbox.PendingAsync(query.System, Guid.TryParse(query.RunId, out var run) ? run : null, PendingDeliveries.Limit, ct),
                           canOperate ? p => RetryingOrderActions.Forms(HttpContext, p.Id, null) : null);
            }
            catch (Exception ex) when (AdminResponse.IsDatabaseDown(ex))
            {
                body = AdminResponse.DatabaseDown(ex);
                status = StatusCodes.Status503ServiceUnavailable;
            }
        }
        done += RetryingOrderActions.Notice(Query<string>("order_done", false));
        await AdminResponse.PageAsync(HttpContext, "Outbox", done + OutboxView.Filters(query, outbox.Systems) + body, ct, status);
    }
}

/// <summary>POST /admin/outbox/replay|discard: the ids given, or every parked order the posted filter matches. Operators only.</summary>
public sealed class ActOnDeadLettersPageEndpoint(IOutbox outbox) : EndpointWithoutRequest
{
    public override void Configure()
    {
        Post("/admin/outbox/replay", "/admin/outbox/discard");
        Group<AdminPages>();
        Roles(HubRoles.Operator);
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var form = await AdminForms.ReadAsync(HttpContext, ct);
        if (form is null) return;
        var replay = HttpContext.Request.Path.Value!.EndsWith("/replay", StringComparison.Ordinal);
        var ids = new List<Guid>();
        foreach (var text in form["ids"])
        {
            if (!Guid.TryParse(text, out var id))
            {
                await AdminResponse.ErrorAsync(HttpContext, StatusCodes.Status400BadRequest, AdminText.T("ids must be the ids of parked orders."), ct);
                return;
            }
            ids.Add(id);
        }
        var query = OutboxQuery.Parse(form);
        var (filter, errors) = query.ToFilter(outbox, ids);
        if (filter is null)
        {
            await AdminResponse.ErrorAsync(HttpContext, StatusCodes.Status400BadRequest, string.Join(" ", errors), ct);
            return;
        }
        var matched = await outbox.ReleaseAsync(filter, replay, ct);
        var verb = replay ? "replayed" : "discarded";
        var back = query.ToQueryString();
        await Send.RedirectAsync($"/admin/outbox?{back}{(back.Length > 0 ? "&" : "")}done={verb}&count={matched}");
    }
}
