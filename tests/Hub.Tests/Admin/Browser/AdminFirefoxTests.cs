using System.Diagnostics;
using Hub.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Hub.Tests.Admin.Browser;

/// <summary>
/// The admin pages in Debian's Firefox ESR. Playwright needs its own patched Firefox, so tests/browser-firefox/smoke.mjs
/// drives the stock one over WebDriver BiDi with puppeteer-core, against the built hub as a process on a real port and
/// the simulators of 1C and МойСклад; it leaves firefox-&lt;page&gt;.png in test-results/screenshots/.
/// </summary>
public sealed class AdminFirefoxTests(ITestOutputHelper output) : IAsyncLifetime
{
    internal static readonly string ScriptDir = Path.Combine(HubProcess.RepoRoot, "tests", "browser-firefox");
    private static readonly string[] Pages = ["sign-in", "logs", "log-record", "stats", "run", "runs", "schedules", "outbox", "health"];

    private BrowserHub _hub = null!;

    public async Task InitializeAsync() => _hub = await BrowserHub.StartAsync("admin_firefox");

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    /// <summary>scripts/test.sh installs Debian's firefox-esr and names it in HUB_FIREFOX.</summary>
    internal static string FirefoxPath()
    {
        var path = Environment.GetEnvironmentVariable("HUB_FIREFOX") is { Length: > 0 } configured ? configured : "/usr/bin/firefox-esr";
        Assert.True(File.Exists(path), $"no Firefox at {path}: scripts/test.sh installs Debian's firefox-esr package and sets HUB_FIREFOX");
        return path;
    }

    [Fact]
    public async Task an_operator_goes_through_every_page_in_firefox()
    {
        var firefox = FirefoxPath();
        Assert.True(Directory.Exists(Path.Combine(ScriptDir, "node_modules", "puppeteer-core")),
            $"puppeteer-core is not restored in {ScriptDir}: scripts/test.sh runs npm ci there");

        // The same twelve logs as the Chromium test; smoke.mjs expects them (SEEDED).
        await _hub.SeedTwelveLogsAsync();

        // Screenshots of an earlier run must not pass for this one's.
        Directory.CreateDirectory(Chromium.Screenshots);
        // Only this test's own: FirefoxScreenshotTests leaves firefox-<size>-<lang>-<page>.png beside them.
        foreach (var old in Pages.Append("failure").Select(p => Path.Combine(Chromium.Screenshots, $"firefox-{p}.png"))) File.Delete(old);

        var psi = new ProcessStartInfo("node") { WorkingDirectory = ScriptDir };
        psi.ArgumentList.Add("smoke.mjs");
        psi.Environment["HUB_URL"] = _hub.Address.ToString();
        psi.Environment["HUB_API_KEY"] = TestKeys.Operator;
        psi.Environment["HUB_FIREFOX"] = firefox;
        psi.Environment["HUB_SCREENSHOTS"] = Chromium.Screenshots;
        var result = await Processes.RunAsync(psi, TimeSpan.FromMinutes(4));
        output.WriteLine(result.Stdout);

        Assert.True(result.ExitCode == 0, $"smoke.mjs exited with {result.ExitCode}:\n{result.Stdout}\n{result.Stderr}");
        foreach (var name in Pages)
        {
            var file = new FileInfo(Path.Combine(Chromium.Screenshots, $"firefox-{name}.png"));
            Assert.True(file.Exists && file.Length > 0, $"no screenshot {file.Name} after:\n{result.Stdout}");
        }
    }
}
