using System.Diagnostics;

namespace Hub.Tests.Infrastructure;

/// <summary>The built hub serving as a process, for tests that read what it prints while it runs. Disposing stops it.</summary>
public sealed class RunningHub : IAsyncDisposable
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

    public static RunningHub Start(IDictionary<string, string?> env, params string[] args) =>
        new(Process.Start(HubProcess.StartInfo(env, args))!);

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

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
