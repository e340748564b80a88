using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Hub.Tests.Infrastructure;

/// <summary>The built hub serving HTTP as a real process on a free loopback port, until disposed.</summary>
public sealed partial class RunningHub : IAsyncDisposable
{
    private readonly Process _process;

    private RunningHub(Process process, Uri url, IReadOnlyList<string> output)
    {
        _process = process;
        Url = url;
        Output = output;
    }

    public Uri Url { get; }

    /// <summary>What the hub printed up to and including its "is up" line.</summary>
    public IReadOnlyList<string> Output { get; }

    public static async Task<RunningHub> StartAsync(IDictionary<string, string?> env, TimeSpan timeout)
    {
        var settings = new Dictionary<string, string?>(env) { ["ASPNETCORE_URLS"] = "http://127.0.0.1:0" };
        var process = Process.Start(HubProcess.StartInfo(settings))!;
        var seen = new List<string>();
        try
        {
            using var cts = new CancellationTokenSource(timeout);
            while (await process.StandardOutput.ReadLineAsync(cts.Token) is { } line)
            {
                seen.Add(line);
                if (line.Contains("Integration Hub is up") && UpLine().Match(line) is { Success: true } m)
                {
                    // Keep draining both streams so the hub never blocks on a full pipe.
                    _ = process.StandardOutput.ReadToEndAsync();
                    _ = process.StandardError.ReadToEndAsync();
                    return new RunningHub(process, new Uri(m.Value), seen);
                }
            }
            throw new InvalidOperationException($"the hub exited ({process.ExitCode}) before it was up: {string.Join('\n', seen)}{await process.StandardError.ReadToEndAsync()}");
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    public HttpClient Client(string? key = null)
    {
        var client = new HttpClient { BaseAddress = Url };
        if (key is not null) client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+")]
    private static partial Regex UpLine();
}
