using Hub.Admin.Shell;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Hub.Host.Api;

/// <summary>
/// The one answer to an exception no endpoint caught, in every environment: the database being unreachable is a 503 with
/// the reason, anything else a 500 naming only the trace id. The API answers problem details, admin pages a readable page.
/// Neither carries a stack trace or echoes the request (its headers hold keys and cookies): the developer exception page
/// never gets to run, because this handler answers first.
/// </summary>
public sealed class HubExceptionHandler(ILogger<HubExceptionHandler> logger) : IExceptionHandler
{
    private static readonly System.Text.Json.JsonSerializerOptions ProblemJson = new(System.Text.Json.JsonSerializerDefaults.Web);

    public const string DatabaseUnavailableType = "https://integration-hub.local/problems/database-unavailable";
    public const string InternalErrorType = "https://integration-hub.local/problems/internal-error";

    /// <summary>What an admin page says for a 500 (AdminText has it in Russian); {0} is the trace id.</summary>
    public const string InternalErrorText = "Something went wrong on the hub's side, and nothing was shown or changed. The hub's log has the details under trace id {0}.";

    /// <summary>Seconds a client waits before trying again while the database is down: the admin pages poll at this pace too.</summary>
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (exception is OperationCanceledException && context.RequestAborted.IsCancellationRequested) return true;
        var down = AdminResponse.IsDatabaseDown(exception);
        var traceId = System.Diagnostics.Activity.Current?.Id ?? context.TraceIdentifier;
        if (down)
        {
            // One line per request: the outage itself is reported by /health/db and the readiness checks.
            logger.LogWarning("{Method} {Path} answered 503: the database cannot be reached ({Reason})",
                context.Request.Method, context.Request.Path.Value, AdminResponse.DatabaseDownReason(exception));
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else logger.LogError(exception, "{Method} {Path} failed (trace {TraceId})", context.Request.Method, context.Request.Path.Value, traceId);

        if (context.Request.Path.StartsWithSegments("/admin"))
        {
            // This handler runs outside the pages' culture (UseAdminCulture comes after it and has put the reader's language
            // back by now), so the answer takes the reader's language again.
            var previous = System.Globalization.CultureInfo.CurrentUICulture;
            System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo(AdminCulture.Of(context));
            try
            {
                if (down)
                    await AdminResponse.ErrorAsync(context, AdminResponse.UnavailableStatus(context), AdminResponse.DatabaseDownMessage(exception), ct);
                else
                    await AdminResponse.ErrorAsync(context, StatusCodes.Status500InternalServerError, PageFormat.F(InternalErrorText, traceId), ct);
            }
            finally
            {
                System.Globalization.CultureInfo.CurrentUICulture = previous;
            }
            return true;
        }

        var status = down ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;
        context.Response.StatusCode = status;
        var problem = down
            ? new ProblemDetails
            {
                Type = DatabaseUnavailableType,
                Title = "The database is unavailable",
                Status = status,
                Detail = "PostgreSQL cannot be reached (" + AdminResponse.DatabaseDownReason(exception) +
                         "), so the request was not carried out. Try again once /health/db answers ok.",
                Extensions = { ["reason"] = AdminResponse.DatabaseDownReason(exception), ["retry_after_seconds"] = RetryAfterSeconds },
            }
            : new ProblemDetails
            {
                Type = InternalErrorType,
                Title = "Internal error",
                Status = status,
                Detail = $"The request failed on the hub's side; the hub's log has the details under trace id {traceId}.",
            };
        problem.Instance = context.Request.Path;
        problem.Extensions["trace_id"] = traceId;
        // Written here rather than through IProblemDetailsService, whose writer declines when Accept leaves out JSON:
        // a problem detail is the answer whatever the client asked for.
        await context.Response.WriteAsJsonAsync(problem, ProblemJson, "application/problem+json", ct);
        return true;
    }
}
