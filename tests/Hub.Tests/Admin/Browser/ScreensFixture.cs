using System.Net.Http.Json;
using System.Text.Json;
using Hub.Tests.Infrastructure;

namespace Hub.Tests.Admin.Browser;

/// <summary>
/// One hub for the screenshot tests of both engines, started and seeded once (a run that sent its orders, one whose
/// orders were parked, logs), since they only read the pages; and the layout rules both engines check, from one file.
/// </summary>
public sealed class ScreensFixture : IAsyncLifetime
{
    /// <summary>A laptop and a phone, as issue 16 names them.</summary>
    public static readonly (int Width, int Height)[] Sizes = [(1366, 768), (390, 844)];

    public static readonly string[] Languages = ["ru", "en"];

    /// <summary>The function expression in tests/browser-firefox/layout-check.js, which screens.mjs evaluates in Firefox too.</summary>
    public static readonly string LayoutCheck = File.ReadAllText(Path.Combine(HubProcess.RepoRoot, "tests", "browser-firefox", "layout-check.js"));

    public BrowserHub Hub { get; private set; } = null!;

    /// <summary>One Chromium for every test of the collection; each visit makes a context of its own.</summary>
    public Chromium Chromium { get; private set; } = null!;

    /// <summary>The run for "Магазин Невский", every order of it sent.</summary>
    public Guid Run { get; private set; }

    /// <summary>The seeded ERROR log, opened on a page of its own.</summary>
    public Guid ErrorLog { get; private set; }

    public static bool IsPhone(int width) => width < 600;

    /// <summary>Every admin page a user reaches from the navigation, and the two a list leads to (a run, a log record).</summary>
    public IReadOnlyList<(string Name, string Path)> Pages =>
    [
        ("home", "/admin"), ("logs", "/admin/logs"), ("log-record", $"/admin/logs/{ErrorLog}"), ("stats", "/admin/stats"), ("runs", "/admin/runs"),
        ("run", $"/admin/runs/{Run}"), ("outbox", "/admin/outbox"), ("schedules", "/admin/schedules"), ("health", "/admin/health"),
    ];

    public async Task InitializeAsync()
    {
        Hub = await BrowserHub.StartAsync("admin_screens");
        Chromium = await Chromium.LaunchAsync();
        Run = await Hub.SeedPagesAsync();
        using var api = Hub.Api(TestKeys.Admin);
        var logs = await api.GetFromJsonAsync<JsonElement>("/api/v1/logs?process_name=internal_replenishment");
        ErrorLog = logs.GetProperty("items").EnumerateArray().Single(l => l.GetProperty("message").GetString() == "МойСклад answered 500 for <order 5>").GetProperty("id").GetGuid();
    }

    public async Task DisposeAsync()
    {
        if (Chromium is not null) await Chromium.DisposeAsync();
        await Hub.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ScreensCollection : ICollectionFixture<ScreensFixture>
{
    public const string Name = "screens";
}
