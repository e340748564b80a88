using System.Net;
using Alba;
using Hub.Admin.SignIn;
using Hub.Tests.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Tests.Admin.SignIn;

/// <summary>
/// Sessions end when they should: their key removed (also across a restart), signed out (a copy of the cookie replayed
/// afterwards is refused), idle, or past their absolute limit. Each test runs its own hosts on a database of this class,
/// since restarting the hub with other keys is the point.
/// </summary>
public sealed class SessionLifetimeTests : IAsyncLifetime
{
    private string _cs = "";

    public async Task InitializeAsync() => _cs = await TestDatabase.CreateAsync("sessions", fresh: true);

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<IAlbaHost> HostAsync(IDictionary<string, string?>? settings = null, TimeProvider? clock = null) =>
        HubFixture.StartHostAsync(_cs, settings ?? new Dictionary<string, string?>(),
            clock is null ? null : s => s.AddSingleton(clock));

    private static CookieSession Session(IAlbaHost host) => new(host.Server.CreateClient());

    /// <summary>The same browser, now talking to another host (the restarted hub).</summary>
    private static CookieSession Carry(CookieSession from, IAlbaHost to)
    {
        var session = Session(to);
        foreach (var (name, value) in from.Cookies) session.Set(name, value);
        return session;
    }

    [Fact]
    public async Task a_session_of_a_key_removed_from_the_settings_ends_after_a_restart_while_other_sessions_survive_it()
    {
        CookieSession operatorSession, viewerSession;
        await using (var first = await HostAsync())
        {
            operatorSession = Session(first);
            viewerSession = Session(first);
            await operatorSession.SignInAsync(TestKeys.Operator);
            await viewerSession.SignInAsync(TestKeys.Viewer);
            Assert.Equal(HttpStatusCode.OK, (await operatorSession.GetAsync("/admin/runs")).Status);
        }

        // The operator key is replaced: the old one is no longer configured anywhere.
        await using var restarted = await HostAsync(new Dictionary<string, string?> { ["Auth:Keys:2:Key"] = "a-new-operator-key-5c0ffee5c0ffee" });
        using var oldOperator = Carry(operatorSession, restarted);
        var (status, _, response) = await oldOperator.GetAsync("/admin/runs");
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.StartsWith("/admin/sign-in", response.Headers.Location?.OriginalString);
        var (form, _, _) = await oldOperator.PostAsync("/admin/runs", new Dictionary<string, string> { ["__csrf"] = "x" });
        Assert.Equal(HttpStatusCode.Unauthorized, form);

        // The viewer's key is still there: its cookie, minted by the first host, still opens pages (the key ring is in the database).
        using var viewer = Carry(viewerSession, restarted);
        var (ok, page, _) = await viewer.GetAsync("/admin/logs");
        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.Contains("test-viewer · viewer", page);

        await using var query = restarted.Services.GetRequiredService<IDocumentStore>().QuerySession();
        Assert.Equal(["test-viewer"], (await query.Query<AdminSession>().ToListAsync()).Select(s => s.KeyName));
    }

    [Fact]
    public async Task a_cookie_replayed_after_sign_out_is_refused()
    {
        await using var host = await HostAsync();
        using var session = Session(host);
        await session.SignInAsync(TestKeys.Admin);
        await session.GetAsync("/admin/logs");
        var copy = session.Cookies.ToDictionary();

        var (signedOut, _, _) = await session.PostAsync("/admin/sign-out", new Dictionary<string, string> { ["__csrf"] = session.LastToken! });
        Assert.Equal(HttpStatusCode.Redirect, signedOut);

        using var replay = Session(host);
        foreach (var (name, value) in copy) replay.Set(name, value);
        var (status, _, response) = await replay.GetAsync("/admin/logs");
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.StartsWith("/admin/sign-in", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task a_session_ends_after_an_hour_without_a_request_and_after_eight_hours_in_any_case()
    {
        var clock = new ShiftedClock();
        await using var host = await HostAsync(clock: clock);

        using var idle = Session(host);
        await idle.SignInAsync(TestKeys.Viewer);
        clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(HttpStatusCode.OK, (await idle.GetAsync("/admin/logs")).Status);
        clock.Advance(TimeSpan.FromMinutes(61));
        Assert.Equal(HttpStatusCode.Redirect, (await idle.GetAsync("/admin/logs")).Status);

        using var busy = Session(host);
        await busy.SignInAsync(TestKeys.Viewer);
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await busy.GetAsync("/admin/logs")).Status);
            clock.Advance(TimeSpan.FromMinutes(50));
        }
        // 7.5 hours of work in steps shorter than the idle limit were fine; the request at 8 h 20 min is not.
        Assert.Equal(HttpStatusCode.Redirect, (await busy.GetAsync("/admin/logs")).Status);
    }

    [Fact]
    public async Task the_limits_come_from_the_settings()
    {
        var clock = new ShiftedClock();
        await using var host = await HostAsync(new Dictionary<string, string?> { ["Admin:Session:IdleMinutes"] = "5" }, clock);
        using var session = Session(host);
        await session.SignInAsync(TestKeys.Viewer);
        clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/admin/logs")).Status);
        clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(HttpStatusCode.Redirect, (await session.GetAsync("/admin/logs")).Status);
    }

    /// <summary>Time as the hub sees it, moved forward by the test; it starts at the real now so nothing else in the hub sees 1970.</summary>
    private sealed class ShiftedClock : TimeProvider
    {
        private readonly DateTimeOffset _start = System.GetUtcNow();
        private TimeSpan _offset;

        public void Advance(TimeSpan by) => _offset += by;

        public override DateTimeOffset GetUtcNow() => _start + _offset;
    }
}
