using System.Diagnostics;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using Hub.Tests.Infrastructure;

namespace Hub.Tests.Host.Docker;

/// <summary>
/// The Dockerfile's build stage without a Docker engine (this machine has none): its COPY lines are carried out on a
/// temporary folder with .dockerignore applied, and its dotnet commands run there. A file the build needs but the
/// Dockerfile forgets to copy, or a developer's bin/obj/node_modules leaking into the context, shows up here.
/// </summary>
public sealed partial class DockerBuildStageTests : IDisposable
{
    private readonly string _context = Path.Combine(Path.GetTempPath(), "hub-docker-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        try { Directory.Delete(_context, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static string Root => HubProcess.RepoRoot;

    /// <summary>The Dockerfile's instructions, a line continued with a backslash joined to the next.</summary>
    private static List<string> Instructions() =>
        string.Join('\n', File.ReadAllLines(Path.Combine(Root, "Dockerfile"))).Replace("\\\n", " ").Split('\n')
            .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();

    private static List<int> Froms(List<string> lines)
    {
        var froms = lines.Select((l, i) => (l, i)).Where(x => x.l.StartsWith("FROM ", StringComparison.Ordinal)).Select(x => x.i).ToList();
        Assert.True(froms.Count >= 2, "the Dockerfile has a build stage and a runtime stage");
        return froms;
    }

    /// <summary>The lines of the first stage (up to the second FROM).</summary>
    private static List<string> BuildStage()
    {
        var lines = Instructions();
        var froms = Froms(lines);
        return lines[froms[0]..froms[1]];
    }

    /// <summary>The lines of the last stage, the image that ships.</summary>
    private static List<string> RuntimeStage()
    {
        var lines = Instructions();
        return lines[Froms(lines)[^1]..];
    }

    /// <summary>.dockerignore's patterns as used here: top-level names, and **/name for a folder anywhere.</summary>
    private static Func<string, bool> Ignored()
    {
        var patterns = File.ReadAllLines(Path.Combine(Root, ".dockerignore")).Select(l => l.Trim().TrimEnd('/'))
            .Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var anywhere = patterns.Where(p => p.StartsWith("**/", StringComparison.Ordinal)).Select(p => p[3..]).ToHashSet();
        var topLevel = patterns.Where(p => !p.Contains('/')).ToHashSet();
        return relative =>
        {
            var segments = relative.Split('/');
            return topLevel.Contains(segments[0]) || segments.Any(anywhere.Contains);
        };
    }

    /// <summary>Docker's COPY: a file goes into a destination folder (one ending in / or shared by several sources) or becomes it; a folder's content goes into it.</summary>
    private void Copy(string[] sources, string destination, Func<string, bool> ignored)
    {
        var into = Path.Combine(_context, destination);
        var intoFolder = destination.EndsWith('/') || sources.Length > 1;
        foreach (var source in sources)
        {
            var from = Path.Combine(Root, source);
            if (File.Exists(from))
            {
                var target = intoFolder ? Path.Combine(into, Path.GetFileName(source)) : into;
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(from, target, overwrite: true);
                continue;
            }
            Assert.True(Directory.Exists(from), $"the Dockerfile copies {source}, which is not in the repository");
            foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories).Where(f => !ignored(Path.GetRelativePath(Root, f).Replace('\\', '/'))))
            {
                var target = Path.Combine(into, Path.GetRelativePath(from, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }
    }

    [Fact]
    public async Task the_image_builds_from_what_it_copies_and_its_published_hub_serves_against_postgresql_with_no_compiler()
    {
        var stage = BuildStage();
        var ignored = Ignored();
        Assert.True(ignored("src/Modules/Admin/node_modules/htmx.org/dist/htmx.min.js"), ".dockerignore keeps restored npm packages out");
        Assert.True(ignored("src/Hub.Host/bin/Release/net10.0/Hub.Host.dll"), ".dockerignore keeps build output out");

        var workdir = stage.Select(l => WorkdirLine().Match(l)).First(m => m.Success).Groups[1].Value;
        foreach (var copy in stage.Select(l => CopyLine().Match(l)).Where(m => m.Success))
        {
            var parts = copy.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            // Destinations are relative to WORKDIR, which is the context's root here.
            var destination = parts[^1].StartsWith('/') ? Path.GetRelativePath(workdir, parts[^1]) : parts[^1];
            Copy(parts[..^1], destination, ignored);
        }
        Assert.False(Directory.Exists(Path.Combine(_context, "src", "Modules", "Admin", "node_modules")));

        var commands = stage.SelectMany(l => DotnetCommand().Matches(l)).Select(m => m.Value.Trim()).Distinct().ToList();
        Assert.Contains(commands, c => c.StartsWith("dotnet restore", StringComparison.Ordinal));
        Assert.Contains(commands, c => c.StartsWith("dotnet publish", StringComparison.Ordinal));
        var output = Path.Combine(_context, "app");
        foreach (var command in commands)
        {
            var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = _context };
            foreach (var arg in command.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1))
                psi.ArgumentList.Add(arg == "/app" ? output : arg);
            var result = await Processes.RunAsync(psi, TimeSpan.FromMinutes(15));
            Assert.True(result.ExitCode == 0, $"`{command}` failed in the Docker context:\n{result.Stdout}\n{result.Stderr}");
        }

        Assert.True(File.Exists(Path.Combine(output, "Hub.Host.dll")));
        using var admin = new PEReader(File.OpenRead(Path.Combine(output, "Hub.Admin.dll")));
        var metadata = admin.GetMetadataReader();
        var resources = metadata.ManifestResources.Select(h => metadata.GetString(metadata.GetManifestResource(h).Name)).ToList();
        Assert.Contains("Hub.Admin.htmx.min.js", resources);

        // The runtime stage: the published folder as its WORKDIR, its ENV and ENTRYPOINT, against PostgreSQL.
        var runtime = RuntimeStage();
        Assert.Contains(runtime, l => l == "COPY --from=build /app .");
        var entry = runtime.Select(l => EntrypointLine().Match(l)).Last(m => m.Success);
        Assert.Equal("dotnet", entry.Groups[1].Value);
        var dll = Path.Combine(output, entry.Groups[2].Value);
        Assert.True(File.Exists(dll), $"the ENTRYPOINT's {entry.Groups[2].Value} is not in the published folder");
        // No compiler ships: the handlers' code was generated by the build.
        Assert.Empty(Directory.EnumerateFiles(output, "Microsoft.CodeAnalysis*.dll"));

        var env = new Dictionary<string, string?>(TestKeys.Environment());
        foreach (var setting in runtime.Select(l => EnvLine().Match(l)).Where(m => m.Success).SelectMany(m => m.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
            env[setting[..setting.IndexOf('=')]] = setting[(setting.IndexOf('=') + 1)..];
        env["ConnectionStrings__Hub"] = await TestDatabase.CreateAsync("docker_image", fresh: true);
        // The image names no environment and no durability mode: Production, Balanced, as a replica starts.
        env["ASPNETCORE_ENVIRONMENT"] = null;
        env["Wolverine__DurabilityMode"] = null;
        await using var hub = await RunningHub.StartAsync(env, dll);
        Assert.Contains("Wolverine durability mode Balanced", await hub.LineAsync(l => l.Contains("Wolverine durability mode"), TimeSpan.FromSeconds(30)));

        var probe = runtime.Select(l => HealthcheckUrl().Match(l)).Last(m => m.Success).Groups[1].Value;
        using var http = new HttpClient { BaseAddress = hub.Address };
        var deadline = DateTime.UtcNow.AddMinutes(1);
        HttpResponseMessage ready;
        while (!(ready = await http.GetAsync(probe)).IsSuccessStatusCode && DateTime.UtcNow < deadline) await Task.Delay(200);
        Assert.True(ready.IsSuccessStatusCode, $"the HEALTHCHECK's {probe} answered {(int)ready.StatusCode}: {await ready.Content.ReadAsStringAsync()}\n{hub.Output}");
        Assert.Contains("\"database\"", await ready.Content.ReadAsStringAsync());
    }

    [GeneratedRegex(@"^ENTRYPOINT\s+\[""(\S+)"",\s*""(\S+)""\]$")]
    private static partial Regex EntrypointLine();

    [GeneratedRegex(@"^ENV\s+(.+)$")]
    private static partial Regex EnvLine();

    [GeneratedRegex(@"^HEALTHCHECK\s.*https?://[^/\s]+(/\S*)")]
    private static partial Regex HealthcheckUrl();

    [GeneratedRegex(@"^WORKDIR\s+(\S+)$")]
    private static partial Regex WorkdirLine();

    [GeneratedRegex(@"^COPY\s+(?!--from)(.+)$")]
    private static partial Regex CopyLine();

    [GeneratedRegex(@"dotnet (restore|publish)[^&|;)]*")]
    private static partial Regex DotnetCommand();
}
