using Hub.Contracts.Logging;
using Hub.Logs.Domain;
using Hub.Logs.Writing;
using Marten;
using Weasel.Core;
using FastEndpoints;
using FluentValidation.Results;
using Microsoft.AspNetCore.Http;

namespace Hub.Logs.Ingest;

/// <summary>A validated batch to store in one transaction.</summary>
public sealed record IngestLogs(IReadOnlyList<LogEntry> Entries);

public sealed record IngestLogsResponse(IReadOnlyList<Guid> Ids, int Count);

/// <summary>How a batch went: stored, refused by the database (the body's fault: 400), or the database unreachable (503).</summary>
public sealed record IngestOutcome(IngestLogsResponse? Stored, string? Refused = null, string? Unavailable = null)
{
    /// <summary>Wolverine's default of 5 s is too short for a 1000-record batch while 16 writers share the database.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>Answers a batch that was not stored (400 or 503 problem details); false when it was stored.</summary>
    public static async Task<bool> SendFailureAsync<TRequest, TResponse>(Endpoint<TRequest, TResponse> endpoint, IngestOutcome outcome, CancellationToken ct)
        where TRequest : notnull
    {
        if (outcome.Refused is { } refused)
        {
            endpoint.ValidationFailures.Add(new ValidationFailure("logs", $"the database refused the batch, nothing of it was stored: {refused}"));
            await endpoint.HttpContext.Response.SendErrorsAsync(endpoint.ValidationFailures, StatusCodes.Status400BadRequest, cancellation: ct);
            return true;
        }
        if (outcome.Unavailable is { } unavailable)
        {
            endpoint.HttpContext.Response.Headers.RetryAfter = "5";
            endpoint.ValidationFailures.Add(new ValidationFailure("database", $"the log database is unavailable, retry later: {unavailable}"));
            await endpoint.HttpContext.Response.SendErrorsAsync(endpoint.ValidationFailures, StatusCodes.Status503ServiceUnavailable, cancellation: ct);
            return true;
        }
        return false;
    }
}

/// <summary>
/// Stores a posted batch all-or-nothing with one COPY (Marten's bulk insert), and the caller hears back only after
/// the commit. Not a Marten session op on purpose: a session writes one statement per record, so the statement-level
/// rollup trigger fired per record and concurrent batches contended on the hot hour's rows; one COPY is one
/// statement and one transaction, the trigger counts the whole batch once, locking rollup rows in key order.
/// </summary>
public static class IngestLogsHandler
{
    public const string NotNormalised = "the hub could not normalise a record";

    public static async Task<IngestOutcome> Handle(IngestLogs command, IDocumentStore store, TimeProvider clock, IngestMetrics metrics,
        CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        IntegrationLog[] records;
        try
        {
            records = command.Entries.Select(e => LogNormalizer.Normalize(e, Guid.CreateVersion7(), now)).ToArray();
        }
        catch (Exception ex)
        {
            // The normaliser is meant to be total; if a body still finds a gap, the batch is refused naming it, never a 500.
            return new IngestOutcome(null, Refused: $"{NotNormalised} ({ex.GetType().Name}: {ex.Message.Split('\n')[0]})");
        }
        if (records.Length == 0) return new IngestOutcome(new IngestLogsResponse([], 0));
        try
        {
            await store.BulkInsertAsync(records, BulkInsertMode.InsertsOnly, batchSize: records.Length, cancellation: ct);
        }
        catch (Exception ex) when (LogWriteFailure.IsDataError(ex))
        {
            // The normaliser makes every record storable; should PostgreSQL still refuse one, the body is at fault, not the hub.
            return new IngestOutcome(null, Refused: LogWriteFailure.Describe(ex));
        }
        catch (Exception ex) when (LogWriteFailure.IsTransient(ex) && !ct.IsCancellationRequested)
        {
            return new IngestOutcome(null, Unavailable: LogWriteFailure.Describe(ex));
        }
        metrics.Stored(records.Length);
        return new IngestOutcome(new IngestLogsResponse(records.Select(r => r.Id).ToArray(), records.Length));
    }
}
