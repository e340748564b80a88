using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hub.Tests.Infrastructure;

/// <summary>
/// A real HTTP server on loopback (Kestrel) standing in for a webhook receiver (POST /hook) and Telegram's Bot API
/// (POST /bot{token}/sendMessage, answering as Telegram does). It records every request; a test queues the status codes
/// the next calls get (default 200).
/// </summary>
public sealed class LoopbackReceiver : IAsyncDisposable
{
    public sealed record Received(string Path, IReadOnlyDictionary<string, string> Headers, string Body);

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Received> _webhooks = new();
    private readonly ConcurrentQueue<Received> _telegram = new();
    private readonly ConcurrentQueue<int> _webhookAnswers = new();
    private readonly ConcurrentQueue<int> _telegramAnswers = new();
    public int TelegramStatusAfterQueue { get; set; } = 200;

    private LoopbackReceiver(WebApplication app) => _app = app;

    public Uri Address { get; private set; } = null!;
    public IReadOnlyList<Received> Webhooks => _webhooks.ToArray();
    public IReadOnlyList<Received> Telegram => _telegram.ToArray();

    public void Clear()
    {
        _webhooks.Clear();
        _telegram.Clear();
        _webhookAnswers.Clear();
        _telegramAnswers.Clear();
        TelegramStatusAfterQueue = 200;
    }

    public void AnswerWebhook(params int[] statuses) { foreach (var s in statuses) _webhookAnswers.Enqueue(s); }
    public void AnswerTelegram(params int[] statuses) { foreach (var s in statuses) _telegramAnswers.Enqueue(s); }

    public static async Task<LoopbackReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new LoopbackReceiver(app);
        app.MapPost("/hook", async (HttpContext c) =>
        {
            receiver._webhooks.Enqueue(await ReadAsync(c));
            return Results.StatusCode(receiver._webhookAnswers.TryDequeue(out var s) ? s : 200);
        });
        // The token sits in the path's first segment as "bot<token>" (with a colon in it), as Telegram has it.
        app.MapPost("/{bot}/sendMessage", async (HttpContext c, string bot) =>
        {
            if (!bot.StartsWith("bot", StringComparison.Ordinal)) return Results.NotFound();
            receiver._telegram.Enqueue(await ReadAsync(c));
            var status = receiver._telegramAnswers.TryDequeue(out var s) ? s : receiver.TelegramStatusAfterQueue;
            return status == 200
                ? Results.Json(new { ok = true, result = new { message_id = receiver._telegram.Count } })
                : Results.Json(new { ok = false, error_code = status, description = status == 400 ? "Bad Request: chat not found" : "Internal Server Error" }, statusCode: status);
        });
        await app.StartAsync();
        receiver.Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return receiver;
    }

    private static async Task<Received> ReadAsync(HttpContext c)
    {
        using var reader = new StreamReader(c.Request.Body);
        return new Received(c.Request.Path.Value!, c.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            await reader.ReadToEndAsync());
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
