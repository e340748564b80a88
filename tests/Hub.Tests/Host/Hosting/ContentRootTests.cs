using System.Diagnostics;
using Hub.Tests.Infrastructure;

namespace Hub.Tests.Host.Hosting;

/// <summary>
/// The hub started from a folder that is not its own (a systemd unit without WorkingDirectory, a shell elsewhere) still reads
/// the appsettings.json beside the program: without it there would be no donor warehouses and every request would be logged.
/// </summary>
public sealed class ContentRootTests
{
    [Fact]
    public async Task a_hub_started_from_another_folder_reads_the_settings_beside_the_program()
    {
        var elsewhere = Directory.CreateTempSubdirectory("hub-cwd-");
        var env = HubProcess.Environment(TestKeys.Settings());
        env["ConnectionStrings__Hub"] = await TestDatabase.CreateAsync("content_root", fresh: true);
        env["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        var psi = HubProcess.StartInfo(env);
        psi.WorkingDirectory = elsewhere.FullName;
        using var hub = Process.Start(psi)!;
        var lines = new List<string>();
        try
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            string? line;
            while ((line = await hub.StandardOutput.ReadLineAsync(limit.Token)) is not null)
            {
                lines.Add(line);
                if (line.Contains("Content root path:")) break;
            }
            var programDir = Path.GetDirectoryName(HubProcess.HostDll)!.TrimEnd('/');
            var root = Assert.Single(lines, l => l.Contains("Content root path:"));
            Assert.Equal(programDir, root[(root.IndexOf("Content root path:", StringComparison.Ordinal) + "Content root path:".Length)..].Trim().TrimEnd('/'));
        }
        finally
        {
            hub.Kill(entireProcessTree: true);
            await hub.WaitForExitAsync();
            elsewhere.Delete(recursive: true);
        }
    }
}
