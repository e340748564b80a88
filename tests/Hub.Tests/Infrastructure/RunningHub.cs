using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Hub.Tests.Infrastructure;

/// <summary>The built hub as a server process on a free port; <see cref="Kill"/> is SIGKILL, no shutdown of any kind.</summary>
public sealed partial class RunningHub : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private RunningHub(Process process) => _process = process;

    public Uri Address { get; private set; } = null!;

    /// <summary>Everything the process printed so far, for a failing test's message.</summary>
    public string Output => string.Join('\n', _output);

    public static async Task<RunningHub> StartAsync(IDictionary<string, string?> env)
    {
        var settings = new Dictionary<string, string?>(env) { ["ASPNETCORE_URLS"] = "http://127.0.0.1:0" };
        var hub = new RunningHub(Process.Start(HubProcess.StartInfo(settings))!);
        var up = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub._process.ErrorDataReceived += (_, e) => { if (e.Data is not null) hub._output.Enqueue(e.Data); };
        hub._process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            hub._output.Enqueue(e.Data);
            if (UpLine().Match(e.Data) is { Success: true } m) up.TrySetResult(new Uri(m.Groups[1].Value));
        };
        hub._process.BeginOutputReadLine();
        hub._process.BeginErrorReadLine();
        hub._process.EnableRaisingEvents = true;
        hub._process.Exited += (_, _) => up.TrySetException(new InvalidOperationException($"the hub exited with {hub._process.ExitCode}:\n{hub.Output}"));
        hub.Address = await up.Task.WaitAsync(TimeSpan.FromMinutes(2));
        return hub;
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

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    [GeneratedRegex(@"Integration Hub is up: (http://[^\s]+)")]
    private static partial Regex UpLine();
}
