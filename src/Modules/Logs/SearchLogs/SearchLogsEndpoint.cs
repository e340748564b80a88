using Hub.Contracts.Paging;
using FastEndpoints;
using Hub.Contracts.Security;
using Hub.Logs.Querying;
using Microsoft.AspNetCore.Http;
using Wolverine;

namespace Hub.Logs.SearchLogs;

public sealed class SearchLogsEndpoint(IMessageBus bus) : Endpoint<SearchLogsRequest, SearchLogsResponse>
{
    public override void Configure()
    {
        Get("/api/v1/logs");
        Roles(HubRoles.Viewer);
        Description(d => d.WithTags("Logs").ProducesProblemDetails());
        Summary(s =>
        {
            s.Summary = "List integration logs, newest first";
            s.Description = "Filters: from, to, level, status, process, step, external_system, run_id, request_id, job_id, text. " +
                            "Keyset paging: pass the returned `next` to get the following page; page_size 1–2000 (default 500).";
        });
    }

    public override async Task HandleAsync(SearchLogsRequest req, CancellationToken ct)
    {
        var after = KeysetCursor.After(req.Next);
        var query = new SearchLogs(req.ToFilter(), req.PageSize ?? SearchLogsRequest.DefaultPageSize, after);
        await Send.OkAsync(await bus.InvokeAsync<SearchLogsResponse>(query, ct), ct);
    }
}
