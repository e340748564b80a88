using System.Text.Json.Serialization;
using FastEndpoints;
using Hub.Contracts.Security;
using Hub.Logs.Ingest;
using Microsoft.AspNetCore.Http;
using Wolverine;

namespace Hub.Logs.IngestClef;

/// <summary>What Seq answers; Serilog's Seq sink reads MinimumLevelAccepted from it (null: no level filter).</summary>
public sealed record SeqIngestResponse(
    // Seq's wire format is PascalCase here, and the sink finds this member by its exact text.
    [property: JsonPropertyName("MinimumLevelAccepted")] string? MinimumLevelAccepted);

/// <summary>
/// Seq's raw ingestion endpoint, so an application that logs with Serilog's Seq sink sends its events here by
/// changing the server URL (its API key goes in X-Seq-ApiKey, an ingest-role key). Events are stored the way
/// POST /api/v1/logs stores a batch: all or nothing, committed before the answer.
/// </summary>
public sealed class IngestClefEndpoint(IMessageBus bus) : Endpoint<IngestClefRequest, SeqIngestResponse>
{
    public override void Configure()
    {
        Post("/api/events/raw");
        RequestBinder(new IngestClefBinder());
        Roles(HubRoles.Ingest);
        // No Accepts(...) here: it would make routing refuse other content types before the binder can say what to send.
        Description(d => d.WithTags("Logs").Produces<SeqIngestResponse>(StatusCodes.Status201Created).ProducesProblemDetails());
        Summary(s =>
        {
            s.Summary = "Seq-compatible ingestion of Serilog events (CLEF)";
            s.Description = "POST /api/events/raw?clef or Content-Type application/vnd.serilog.clef, one compact JSON event per line, " +
                            "key in X-Seq-ApiKey. @t, @l, @m/@mt, @x and well-known properties (RunId, RequestId, JobId, Process, Step, " +
                            "ExternalSystem, Action, ElapsedMs, RetryCount, Status…) map onto the log's fields; other properties go into details.";
        });
    }

    public override async Task HandleAsync(IngestClefRequest req, CancellationToken ct)
    {
        // The binder's failures (bad lines, wrong format); there is no validator to act on them.
        ThrowIfAnyErrors();
        if (req.Entries.Count > 0)
            await bus.InvokeAsync<IngestLogsResponse>(new IngestLogs(req.Entries), ct);
        await Send.ResponseAsync(new SeqIngestResponse(null), StatusCodes.Status201Created, ct);
    }
}
