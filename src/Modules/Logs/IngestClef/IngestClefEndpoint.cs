using System.Security.Claims;
using System.Text.Json.Serialization;
using FastEndpoints;
using Hub.Contracts.Logging;
using Hub.Contracts.Security;
using Hub.Logs.Ingest;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Wolverine;

namespace Hub.Logs.IngestClef;

/// <summary>What Seq answers; Serilog's Seq sink reads MinimumLevelAccepted from it (null: no level filter).</summary>
public sealed record SeqIngestResponse(
    // Seq's wire format is PascalCase here, and the sink finds this member by its exact text.
    [property: JsonPropertyName("MinimumLevelAccepted")] string? MinimumLevelAccepted);

/// <summary>
/// Seq's ingestion endpoints, so an application that logs with a Seq client sends its events here by changing the
/// server URL: /api/events/raw and /ingest/clef, CLEF or {"Events": [...]}, the key in X-Seq-ApiKey or ?apiKey=
/// (an ingest-role key). Events are stored the way POST /api/v1/logs stores a batch: one COPY, committed before the answer.
/// </summary>
public sealed class IngestClefEndpoint(IMessageBus bus, IOptions<LogIngestOptions> options) : Endpoint<IngestClefRequest, SeqIngestResponse>
{
    public override void Configure()
    {
        Post("/api/events/raw", "/ingest/clef");
        RequestBinder(new IngestClefBinder());
        Roles(HubRoles.Ingest);
        // No Accepts(...) here: it would make routing refuse other content types before the binder can say what to send.
        Description(d => d.WithTags("Logs").Produces<SeqIngestResponse>(StatusCodes.Status201Created).ProducesProblemDetails()
            .ProducesProblemDetails(StatusCodes.Status413PayloadTooLarge));
        Summary(s =>
        {
            s.Summary = "Seq-compatible ingestion (CLEF and Seq's JSON format)";
            s.Description = "CLEF (one compact JSON event per line) or {\"Events\": [...]}, key in X-Seq-ApiKey or ?apiKey=. " +
                            "@t, @l, @m/@mt, @x and well-known properties (RunId, RequestId, JobId, Process, Step, ExternalSystem, Action, " +
                            "ElapsedMs, RetryCount, Status…) map onto the log's fields; other properties go into details. An event that " +
                            "cannot be read is stored as a WARNING of process \"seq\" and the rest are stored. Events below " +
                            "MinimumLevelAccepted (Logs:Ingest:SeqMinimumLevel, per key SeqMinimumLevelByKey) are dropped as Seq drops them.";
        });
    }

    public override void OnBeforeValidate(IngestClefRequest req)
    {
        if (req.TooLarge) ThrowIfAnyErrors(StatusCodes.Status413PayloadTooLarge);
    }

    public override async Task HandleAsync(IngestClefRequest req, CancellationToken ct)
    {
        // The binder's failures (a body with no readable event); there is no validator to act on them.
        ThrowIfAnyErrors();
        var minimum = MinimumLevel();
        var entries = minimum is null ? req.Entries : req.Entries.Where(e => Rank(e.Level) >= Rank(minimum.Value.Level)).ToList();
        if (entries.Count > 0)
        {
            var outcome = await bus.InvokeAsync<IngestOutcome>(new IngestLogs(entries), ct, IngestOutcome.Timeout);
            if (await IngestOutcome.SendFailureAsync(this, outcome, ct)) return;
        }
        await Send.ResponseAsync(new SeqIngestResponse(minimum?.Seq), StatusCodes.Status201Created, ct);
    }

    private (string Seq, string Level)? MinimumLevel()
    {
        var o = options.Value;
        var key = User.FindFirst(ClaimTypes.Name)?.Value;
        var configured = key is not null && o.SeqMinimumLevelByKey.TryGetValue(key, out var perKey) ? perKey : o.SeqMinimumLevel;
        if (string.IsNullOrWhiteSpace(configured) || LogLevels.Normalize(configured) is not { } level) return null;
        // Seq's names, which Serilog's sink parses into its LogEventLevel.
        var seq = level switch
        {
            LogLevels.Debug => configured.Trim().Equals("verbose", StringComparison.OrdinalIgnoreCase) ? "Verbose" : "Debug",
            LogLevels.Info => "Information",
            LogLevels.Warning => "Warning",
            LogLevels.Error => "Error",
            _ => "Fatal"
        };
        return seq == "Verbose" ? null : (seq, level);
    }

    private static int Rank(string level) => LogLevels.All.ToList().IndexOf(LogLevels.Normalize(level) ?? LogLevels.Info);
}
