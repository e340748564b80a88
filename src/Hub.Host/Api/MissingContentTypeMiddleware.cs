using Microsoft.AspNetCore.Mvc;

namespace Hub.Host.Api;

/// <summary>
/// A request without a Content-Type to an endpoint that reads a JSON body: FastEndpoints answers such a request 415 with an
/// empty body, already started, so nothing after it can say why. This answers first, the same status, as a problem detail
/// naming what to send. Endpoints that accept any content type ("*/*", such as the trigger) are left alone.
/// </summary>
public sealed class MissingContentTypeMiddleware(RequestDelegate next)
{
    private static readonly System.Text.Json.JsonSerializerOptions ProblemJson = new(System.Text.Json.JsonSerializerDefaults.Web);

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Headers.ContentType.Count == 0
            && context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>() is { } accepts
            && !accepts.ContentTypes.Contains("*/*"))
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            await context.Response.WriteAsJsonAsync(new ProblemDetails
            {
                Type = "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.16",
                Title = "Unsupported Media Type",
                Status = StatusCodes.Status415UnsupportedMediaType,
                Detail = $"This endpoint reads a body: send it with Content-Type: {string.Join(" or ", accepts.ContentTypes)}.",
                Instance = context.Request.Path,
            }, ProblemJson, "application/problem+json", context.RequestAborted);
            return;
        }
        await next(context);
    }
}
