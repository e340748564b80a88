using Hub.Contracts.Paging;
using FastEndpoints;
using Hub.Contracts.Security;
using System.Text.Json;
using Hub.Logs.Api;
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
        var query = new SearchLogsJson(req.ToFilter(), req.PageSize ?? SearchLogsRequest.DefaultPageSize, after);
        var page = await bus.InvokeAsync<LogPageJson>(query, ct);
        // The shape of SearchLogsResponse, written around the records' stored JSON (see SearchLogsJsonHandler).
        HttpContext.Response.StatusCode = StatusCodes.Status200OK;
        HttpContext.Response.ContentType = "application/json; charset=utf-8";
        // Started before writing, so FastEndpoints sees the answer sent (it would send 204 over a body still in the pipe).
        await HttpContext.Response.StartAsync(ct);
        await using var json = new Utf8JsonWriter(HttpContext.Response.BodyWriter, new JsonWriterOptions { Encoder = LogJson.Options.Encoder, SkipValidation = true });
        json.WriteStartObject();
        json.WriteStartArray("items");
        foreach (var item in page.Items) json.WriteRawValue(item, skipInputValidation: true);
        json.WriteEndArray();
        if (page.Next is null) json.WriteNull("next"); else json.WriteString("next", page.Next);
        json.WriteNumber("page_size", page.PageSize);
        json.WriteEndObject();
        await json.FlushAsync(ct);
        await HttpContext.Response.BodyWriter.FlushAsync(ct);
    }
}
