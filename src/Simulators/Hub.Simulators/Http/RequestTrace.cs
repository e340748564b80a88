using Hub.Simulators.State;

namespace Hub.Simulators.Http;

// The pipeline notes on the request what the status code alone cannot tell (the vendor error code,
// a swallowed answer); the API records it once the request is over, whichever way it ended.
public static class RequestTrace
{
    private const string ErrorCodeKey = "sim.errorCode";
    private const string OutcomeKey = "sim.outcome";

    public static void ErrorCode(HttpContext context, int? code)
    {
        if (code is not null) context.Items[ErrorCodeKey] = code;
    }

    public static void Swallowed(HttpContext context, RequestOutcome outcome) => context.Items[OutcomeKey] = outcome;

    /// <summary>Counts a request, runs it, and records it in the request log whatever happened to it.</summary>
    public static async Task TrackAsync(HttpContext context, SystemRequestCounters counters, TimeProvider time, Func<Task> handle)
    {
        counters.CountRequest();
        var receivedAt = time.GetUtcNow();
        var recorded = 0;
        // An answered request is recorded as its headers go out: a client that has read the last page
        // must find that page in the log, and the request's end comes after the client has its answer.
        context.Response.OnStarting(() =>
        {
            if (Interlocked.Exchange(ref recorded, 1) == 0) Record(context, counters, receivedAt);
            return Task.CompletedTask;
        });
        try
        {
            await handle();
        }
        finally
        {
            // A swallowed or abandoned request never starts its answer: recorded here, once.
            if (Interlocked.Exchange(ref recorded, 1) == 0) Record(context, counters, receivedAt);
        }
    }

    private static void Record(HttpContext context, SystemRequestCounters counters, DateTimeOffset receivedAt)
    {
        var outcome = context.Items.TryGetValue(OutcomeKey, out var o) && o is RequestOutcome marked
            ? marked
            : context.RequestAborted.IsCancellationRequested ? RequestOutcome.Abandoned : RequestOutcome.Answered;
        var request = context.Request;
        var response = context.Response;
        var answered = outcome == RequestOutcome.Answered;
        counters.Record(sequence => new RecordedRequest(
            sequence,
            receivedAt,
            request.Method,
            request.Path.Value ?? "",
            request.QueryString.Value ?? "",
            request.Headers.AcceptEncoding.Count == 0 ? null : request.Headers.AcceptEncoding.ToString(),
            answered ? response.StatusCode : null,
            answered && context.Items.TryGetValue(ErrorCodeKey, out var code) ? code as int? : null,
            answered && response.Headers.ContentEncoding.Count > 0 ? response.Headers.ContentEncoding.ToString() : null,
            outcome));
    }
}
