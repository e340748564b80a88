using System.Net;
using Hub.Tests.Infrastructure;

namespace Hub.Tests.Admin.SignIn;

/// <summary>The session cookie itself: what another app on the host can toss at it, and its name and flags over HTTPS.</summary>
[Collection(AdminCollection.Name)]
public sealed class SessionCookieTests(AdminFixture fixture)
{
    [Theory]
    [InlineData("hub_admin=CfDJ8NotOursAtAll")]
    [InlineData("hub_admin=")]
    [InlineData("hub_admin=\"quoted value\"")]
    public async Task a_foreign_hub_admin_cookie_sent_first_does_not_send_a_signed_in_person_back_to_sign_in(string foreign)
    {
        using var session = new CookieSession(fixture.Client());
        // Another app on the same host set it on path=/: the browser sends it along with ours, and before ours.
        session.ForeignCookies.Add(foreign);
        await session.SignInAsync(TestKeys.Viewer);
        var (status, page, _) = await session.GetAsync("/admin/logs");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("test-viewer · просмотр", page);
        // A second request works as well: sign-in is not a loop that needs luck.
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/admin/runs")).Status);
    }

    [Fact]
    public async Task a_foreign_cookie_alone_is_no_session_and_sign_in_still_works()
    {
        using var session = new CookieSession(fixture.Client());
        session.ForeignCookies.Add("hub_admin=garbage-from-another-app");
        var (status, _, response) = await session.GetAsync("/admin/logs");
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.StartsWith("/admin/sign-in", response.Headers.Location?.OriginalString);
        await session.SignInAsync(TestKeys.Viewer);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/admin/logs")).Status);
    }

    [Fact]
    public async Task over_https_the_session_cookie_has_the_host_prefix_is_secure_and_on_the_whole_site()
    {
        var client = fixture.Host.Server.CreateClient();
        client.BaseAddress = new Uri("https://hub.example");
        using var session = new CookieSession(client);
        await session.GetAsync("/admin/sign-in");
        var (status, _, response) = await session.PostAsync("/admin/sign-in",
            new Dictionary<string, string> { ["__csrf"] = session.LastToken!, ["api_key"] = TestKeys.Viewer });
        Assert.Equal(HttpStatusCode.Redirect, status);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-hub_admin=", StringComparison.Ordinal));
        Assert.Contains("path=/;", cookie + ";", StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.False(session.Has("hub_admin"));
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/admin/logs")).Status);
    }

    [Fact]
    public async Task over_plain_http_the_cookie_stays_on_admin()
    {
        using var session = new CookieSession(fixture.Client());
        await session.GetAsync("/admin/sign-in");
        var (_, _, response) = await session.PostAsync("/admin/sign-in",
            new Dictionary<string, string> { ["__csrf"] = session.LastToken!, ["api_key"] = TestKeys.Viewer });
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("hub_admin=", StringComparison.Ordinal));
        Assert.Contains("path=/admin", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task over_https_the_antiforgery_cookie_has_the_host_prefix_and_a_tossed_plain_one_cannot_break_the_forms()
    {
        var client = fixture.Host.Server.CreateClient();
        client.BaseAddress = new Uri("https://hub.example");
        using var session = new CookieSession(client);
        var (_, _, page) = await session.GetAsync("/admin/sign-in");
        var cookie = Assert.Single(page.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-hub_admin_csrf=", StringComparison.Ordinal));
        Assert.Contains("path=/;", cookie + ";", StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(page.Headers.GetValues("Set-Cookie"), c => c.StartsWith("hub_admin_csrf=", StringComparison.Ordinal));
        // Another app on the host set a plain one on path=/, sent first: the form still works, by the prefixed cookie alone.
        session.ForeignCookies.Add("hub_admin_csrf=CfDJ8TossedByAnotherApp");
        var (status, _, response) = await session.PostAsync("/admin/sign-in",
            new Dictionary<string, string> { ["__csrf"] = session.LastToken!, ["api_key"] = TestKeys.Viewer });
        Assert.Equal(HttpStatusCode.Redirect, status);
        // Without a page to go back to, the dashboard.
        Assert.Equal("/admin", response.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/admin/logs")).Status);
    }

    [Fact]
    public async Task over_https_a_form_without_the_prefixed_antiforgery_cookie_is_refused()
    {
        var client = fixture.Host.Server.CreateClient();
        client.BaseAddress = new Uri("https://hub.example");
        using var session = new CookieSession(client);
        await session.GetAsync("/admin/sign-in");
        var token = session.Cookies["__Host-hub_admin_csrf"];
        // The same token under the plain name (what an app on plain HTTP could set) is not the hub's cookie over HTTPS.
        // Shares the client, which the first session disposes.
        var plain = new CookieSession(client);
        plain.ForeignCookies.Add($"hub_admin_csrf={token}");
        var (status, _, _) = await plain.PostAsync("/admin/sign-in",
            new Dictionary<string, string> { ["__csrf"] = session.LastToken!, ["api_key"] = TestKeys.Viewer });
        Assert.Equal(HttpStatusCode.BadRequest, status);
    }
}
