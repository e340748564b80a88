using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Hub.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL cluster of the test's own (initdb + pg_ctl from the Debian binaries), for tests
/// that stop and start the database without disturbing the shared one. Runs as the postgres user when root.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _dir;
    public int Port { get; }
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Database=hub;Username=postgres;Timeout=5";

    private PrivatePostgres(string bin, string dir, int port) { _bin = bin; _dir = dir; Port = port; }

    public static async Task<PrivatePostgres> StartAsync()
    {
        var bin = Environment.GetEnvironmentVariable("HUB_PG_BIN") is { Length: > 0 } b ? b
            : Directory.GetDirectories("/usr/lib/postgresql").OrderBy(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0).Last() + "/bin";
        var dir = Path.Combine(Path.GetTempPath(), $"hub-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        if (Environment.UserName == "root") await Run("chown", "postgres:postgres", dir);
        var pg = new PrivatePostgres(bin, dir, FreePort());
        await pg.AsPostgres("initdb", "-D", $"{dir}/data", "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync");
        await pg.StartServerAsync();
        await using (var conn = new NpgsqlConnection($"Host=127.0.0.1;Port={pg.Port};Database=postgres;Username=postgres"))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("create database hub", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        return pg;
    }

    public Task StartServerAsync() => AsPostgres("pg_ctl", "-D", $"{_dir}/data", "-l", $"{_dir}/server.log", "-w", "-t", "60",
        "-o", $"-p {Port} -k {_dir} -c listen_addresses=127.0.0.1 -c fsync=off", "start");

    public Task StopServerAsync() => AsPostgres("pg_ctl", "-D", $"{_dir}/data", "-m", "fast", "-w", "stop");

    public async ValueTask DisposeAsync()
    {
        try { await StopServerAsync(); } catch { /* already stopped */ }
        try { Directory.Delete(_dir, recursive: true); } catch { /* best effort */ }
    }

    private Task AsPostgres(string tool, params string[] args) =>
        Environment.UserName == "root"
            ? Run("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. args])
            : Run(Path.Combine(_bin, tool), args);

    private static async Task Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file);
        foreach (var a in args) psi.ArgumentList.Add(a);
        var result = await Processes.RunAsync(psi, TimeSpan.FromMinutes(2));
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {result.ExitCode}: {result.Stderr}{result.Stdout}");
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
