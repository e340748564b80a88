using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Hub.Tests.Infrastructure;

/// <summary>
/// The built hub serving as a process, for tests that read what it prints or that kill it. <see cref="Kill"/> is SIGKILL,
/// no shutdown of any kind; disposing kills it too.
/// </summary>
public sealed partial class RunningHub : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly Lock _gate = new();

    private RunningHub(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_gate) _lines.Add(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_gate) _lines.Add(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The address it serves on, once <see cref="StartAsync"/> has seen the "is up" line.</summary>
    public Uri Address { get; private set; } = null!;

    public static RunningHub Start(IDictionary<string, string?> env, params string[] args) =>
        new(Process.Start(HubProcess.StartInfo(env, args))!);

    /// <summary>Starts the hub (the build's, or the one in <paramref name="hostDll"/>) on a free port and waits until it says it is up.</summary>
    public static async Task<RunningHub> StartAsync(IDictionary<string, string?> env, string? hostDll = null)
    {
        var hub = new RunningHub(Process.Start(HubProcess.StartInfo(hostDll ?? HubProcess.HostDll,
            new Dictionary<string, string?>(env) { ["ASPNETCORE_URLS"] = "http://127.0.0.1:0" }))!);
        var up = await hub.LineAsync(l => UpLine().IsMatch(l), TimeSpan.FromMinutes(2));
        hub.Address = new Uri(UpLine().Match(up).Groups[1].Value);
        return hub;
    }

    public string Output { get { lock (_gate) return string.Join('\n', _lines); } }

    /// <summary>The first line printed (so far or later) that matches; the limit only stops a hung test.</summary>
    public async Task<string> LineAsync(Func<string, bool> match, TimeSpan limit)
    {
        using var cts = new CancellationTokenSource(limit);
        while (true)
        {
            lock (_gate)
                if (_lines.FirstOrDefault(match) is { } line) return line;
            if (_process.HasExited) throw new InvalidOperationException($"the hub exited ({_process.ExitCode}) before printing the line:\n{Output}");
            if (cts.IsCancellationRequested) throw new TimeoutException($"the hub did not print the line within {limit}:\n{Output}");
            await Task.Delay(50, CancellationToken.None);
        }
    }

    public HttpClient Client(string apiKey)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    public void Kill()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    [GeneratedRegex(@"Integration Hub is up: (http://[^\s]+)")]
    private static partial Regex UpLine();
}
