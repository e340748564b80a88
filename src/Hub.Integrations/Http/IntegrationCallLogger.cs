using System.Diagnostics;
using System.Text.Json;
using Hub.Contracts.Logging;

namespace Hub.Integrations.Http;

/// <summary>
/// Writes one integration log per outbound call: action, request and response payloads, status code,
/// elapsed time, attempt, and the run/request ids of the current <see cref="IntegrationScope"/>. Credentials
/// never reach it: only the method, URL and body are recorded, and the log writer scrubs those again.
/// </summary>
/// <param name="isRefusal">Tells a refusal no retry will cure from a technical failure where a system answers both with the
/// same status (1C answers both with 500): a refusal is logged as failed, not as retrying.</param>
public sealed class IntegrationCallLogger(IIntegrationLogWriter writer, string system, IntegrationsTelemetry? telemetry = null,
    Func<System.Net.HttpStatusCode, string?, string, bool>? isRefusal = null) : DelegatingHandler
{
    private const int MaxBodyChars = 16_000;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var action = request.Options.TryGetValue(CallContext.Action, out var a) ? a : request.Method.Method.ToLowerInvariant();
        var attempt = request.Options.TryGetValue(CallContext.Attempt, out var n) ? n : 0;
        var scope = IntegrationScope.Current;
        var requestBody = request.Content is null ? null : await request.Content.ReadAsStringAsync(ct);
        var requestPayload = new Dictionary<string, object?>
        {
            ["method"] = request.Method.Method,
            ["url"] = request.RequestUri?.ToString(),
            ["body"] = AsJson(requestBody)
        };
        // The call's own span, named as the integration log names it; the HttpClient's span is its child.
        using var activity = IntegrationsTelemetry.Source.StartActivity($"{system} {action}");
        activity?.SetTag("external_system", system);
        activity?.SetTag("action", action);
        activity?.SetTag("retry_count", attempt);
        var watch = Stopwatch.StartNew();
        try
        {
            var response = await base.SendAsync(request, ct);
            // Buffered so the client can still read the body after we have.
            await response.Content.LoadIntoBufferAsync(ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            var ok = response.IsSuccessStatusCode;
            var code = (int)response.StatusCode;
            telemetry?.Call(system, action, code.ToString(System.Globalization.CultureInfo.InvariantCulture), watch.Elapsed);
            if (!ok) activity?.SetStatus(ActivityStatusCode.Error, $"HTTP {code}");
            var worthRetrying = code == 429 || code >= 500;
            if (!ok && worthRetrying && isRefusal is not null)
            {
                var (errorCode, text, _) = ErrorBodies.Parse(body, response.Content.Headers.ContentType?.MediaType, response.ReasonPhrase ?? "");
                worthRetrying = !isRefusal(response.StatusCode, errorCode, text);
            }

            writer.Write(Entry(scope, action, attempt, watch.ElapsedMilliseconds, requestPayload) with
            {
                Level = ok ? LogLevels.Info : worthRetrying ? LogLevels.Warning : LogLevels.Error,
                Status = ok ? LogStatuses.Success : worthRetrying ? LogStatuses.Retrying : LogStatuses.Failed,
                Message = $"{system} {request.Method.Method} {Path(request)} → {code}",
                ResponsePayload = new Dictionary<string, object?> { ["status_code"] = code, ["body"] = AsJson(body) },
                ErrorCode = ok ? null : code.ToString(),
            });
            return response;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            telemetry?.Call(system, action, ex is TaskCanceledException ? "timeout" : "connection", watch.Elapsed);
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetBaseException().Message);
            writer.Write(Entry(scope, action, attempt, watch.ElapsedMilliseconds, requestPayload) with
            {
                Level = LogLevels.Warning,
                Status = LogStatuses.Retrying,
                Message = $"{system} {request.Method.Method} {Path(request)} → no answer",
                ErrorMessage = ex.GetBaseException().Message,
                ErrorCode = ex is TaskCanceledException ? "timeout" : "connection",
            });
            throw;
        }
    }

    private LogEntry Entry(IntegrationScope? scope, string action, int attempt, long elapsed, object requestPayload) => new()
    {
        ProcessName = scope?.Process ?? "integration_call",
        Step = action,
        ExternalSystem = system,
        Action = action,
        RunId = scope?.RunId?.ToString(),
        RequestId = scope?.RequestId?.ToString(),
        RetryCount = Math.Max(attempt, scope?.RetryCount ?? 0),
        ElapsedMs = elapsed,
        RequestPayload = requestPayload,
    };

    private static string Path(HttpRequestMessage r) => Uri.UnescapeDataString(r.RequestUri?.AbsolutePath ?? "");

    private static object? AsJson(string? body)
    {
        if (string.IsNullOrEmpty(body)) return null;
        // JSON stays JSON however long (the log writer caps a payload's size itself); only text is cut here.
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            return body.Length > MaxBodyChars ? body[..MaxBodyChars] + "…" : body;
        }
    }
}
