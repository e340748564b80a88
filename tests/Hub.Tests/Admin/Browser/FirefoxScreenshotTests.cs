using System.Diagnostics;
using System.Text.Json;
using Hub.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Hub.Tests.Admin.Browser;

/// <summary>
/// Every admin page in Debian's Firefox ESR at a laptop and a phone, in Russian and English: tests/browser-firefox/screens.mjs
/// visits them over WebDriver BiDi, checks each page with the same layout-check.js as the Chromium test and leaves
/// firefox-&lt;width&gt;x&lt;height&gt;-&lt;lang&gt;-&lt;page&gt;.png under test-results/screenshots/.
/// </summary>
[Collection(ScreensCollection.Name)]
public sealed class FirefoxScreenshotTests(ScreensFixture screens, ITestOutputHelper output)
{
    [Fact]
    public async Task every_page_fits_a_laptop_and_a_phone_in_russian_and_english_in_firefox()
    {
        var firefox = AdminFirefoxTests.FirefoxPath();
        Assert.True(Directory.Exists(Path.Combine(AdminFirefoxTests.ScriptDir, "node_modules", "puppeteer-core")),
            $"puppeteer-core is not restored in {AdminFirefoxTests.ScriptDir}: scripts/test.sh runs npm ci there");
        // Screenshots of an earlier run must not pass for this one's.
        Directory.CreateDirectory(Chromium.Screenshots);
        foreach (var old in Directory.GetFiles(Chromium.Screenshots, "firefox-*x*-*.png")) File.Delete(old);

        var psi = new ProcessStartInfo("node") { WorkingDirectory = AdminFirefoxTests.ScriptDir };
        psi.ArgumentList.Add("screens.mjs");
        psi.Environment["HUB_URL"] = screens.Hub.Address.ToString();
        psi.Environment["HUB_API_KEY"] = TestKeys.Operator;
        psi.Environment["HUB_FIREFOX"] = firefox;
        psi.Environment["HUB_SCREENSHOTS"] = Chromium.Screenshots;
        psi.Environment["HUB_PAGES"] = JsonSerializer.Serialize(screens.Pages.Select(p => new[] { p.Name, p.Path }));
        var result = await Processes.RunAsync(psi, TimeSpan.FromMinutes(8));
        output.WriteLine(result.Stdout);

        Assert.True(result.ExitCode == 0, $"screens.mjs exited with {result.ExitCode}:\n{result.Stderr}\n{result.Stdout}");
        foreach (var (width, height) in ScreensFixture.Sizes)
            foreach (var language in ScreensFixture.Languages)
                foreach (var name in screens.Pages.Select(p => p.Name).Append("sign-in"))
                {
                    var file = new FileInfo(Path.Combine(Chromium.Screenshots, $"firefox-{width}x{height}-{language}-{name}.png"));
                    Assert.True(file.Exists && file.Length > 0, $"no screenshot {file.Name} after:\n{result.Stdout}");
                }
    }
}
