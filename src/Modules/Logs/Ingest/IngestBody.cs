using System.Buffers;
using FastEndpoints;
using FluentValidation.Results;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hub.Logs.Ingest;

/// <summary>
/// Reads an ingestion body whole, up to <see cref="LogIngestOptions.MaxBodyBytes"/>. Over the limit the answer is a 413
/// problem (from Content-Length before reading anything, or as soon as a chunked body passes it), never a broken
/// connection: a client that hears 413 splits its batch, one whose connection breaks retries the same body forever.
/// The binder only notes it (null); the endpoint answers 413 from OnBeforeValidate, before any validator runs.
/// </summary>
public static class IngestBody
{
    /// <summary>The body, or null when it is over the limit (a "body" failure is added).</summary>
    public static async Task<ReadOnlyMemory<byte>?> ReadAsync(BinderContext ctx, CancellationToken ct)
    {
        var http = ctx.HttpContext;
        var limit = http.RequestServices.GetRequiredService<IOptions<LogIngestOptions>>().Value.MaxBodyBytes;
        if (http.Request.ContentLength is { } length && length > limit) return TooLarge(ctx, limit);

        // Kestrel's own limit (30 MB by default) would break the connection first when the configured one is larger.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            feature.MaxRequestBodySize = limit + 1;

        var buffer = new ArrayBufferWriter<byte>((int)Math.Min(http.Request.ContentLength ?? 64 * 1024, limit) + 1);
        try
        {
            while (true)
            {
                var read = await http.Request.Body.ReadAsync(buffer.GetMemory(64 * 1024), ct);
                if (read == 0) break;
                buffer.Advance(read);
                if (buffer.WrittenCount > limit) return TooLarge(ctx, limit);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(ctx, limit);
        }
        return buffer.WrittenMemory;
    }

    private static ReadOnlyMemory<byte>? TooLarge(BinderContext ctx, long limit)
    {
        ctx.ValidationFailures.Add(new ValidationFailure("body",
            $"the body is larger than {limit} bytes (Logs:Ingest:MaxBodyBytes); send smaller batches"));
        return null;
    }
}
