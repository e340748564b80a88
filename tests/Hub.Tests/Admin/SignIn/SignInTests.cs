using System.Net;
using Hub.Tests.Infrastructure;

namespace Hub.Tests.Admin.SignIn;

[Collection(AdminCollection.Name)]
public sealed class SignInTests(AdminFixture fixture)
{
    private CookieSession Session() => new(fixture.Client());

    [Fact]
    public async Task a_browser_without_a_session_is_sent_to_sign_in_and_comes_back_after()
    {
        using var session = Session();
        var (status, _, response) = await session.GetAsync("/admin/logs?level=ERROR");
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal("/admin/sign-in?return_url=%2Fadmin%2Flogs%3Flevel%3DERROR", response.Headers.Location?.OriginalString);

        var (_, page, _) = await session.GetAsync("/admin/sign-in?return_url=%2Fadmin%2Flogs%3Flevel%3DERROR");
        Assert.Contains("name=\"api_key\"", page);
        var (signedIn, _, redirect) = await session.PostAsync("/admin/sign-in", new Dictionary<string, string>
        {
            ["__csrf"] = session.LastToken!, ["api_key"] = TestKeys.Viewer, ["return_url"] = "/admin/logs?level=ERROR",
        });
        Assert.Equal(HttpStatusCode.Redirect, signedIn);
        Assert.Equal("/admin/logs?level=ERROR", redirect.Headers.Location?.OriginalString);
        Assert.True(session.Has("hub_admin"));

        var (ok, logs, _) = await session.GetAsync("/admin/logs");
        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.Contains("test-viewer · просмотр", logs);
        Assert.DoesNotContain(TestKeys.Viewer, logs);
    }

    [Fact]
    public async Task a_wrong_key_or_an_ingest_key_is_refused_with_a_message_and_no_session()
    {
        using var session = Session();
        foreach (var (key, message) in new[] { ("not-a-key", "Такой ключ не найден."), (TestKeys.Ingest, "можно только записывать журнал") })
        {
            await session.GetAsync("/admin/sign-in");
            var (status, body, _) = await session.PostAsync("/admin/sign-in", new Dictionary<string, string> { ["__csrf"] = session.LastToken!, ["api_key"] = key });
            Assert.Equal(HttpStatusCode.Unauthorized, status);
            Assert.Contains(message, body);
            Assert.DoesNotContain(key, body);
            Assert.False(session.Has("hub_admin"));
        }
    }

    [Fact]
    public async Task a_form_posted_without_the_antiforgery_token_is_refused()
    {
        using var session = Session();
        await session.GetAsync("/admin/sign-in");
        var (status, _, _) = await session.PostAsync("/admin/sign-in", new Dictionary<string, string> { ["api_key"] = TestKeys.Admin });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.False(session.Has("hub_admin"));

        await session.SignInAsync(TestKeys.Admin);
        var (crafted, _, _) = await session.PostAsync("/admin/sign-out", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.BadRequest, crafted);
        Assert.True(session.Has("hub_admin"));
    }

    [Fact]
    public async Task sign_out_ends_the_session()
    {
        using var session = Session();
        await session.SignInAsync(TestKeys.Operator);
        await session.GetAsync("/admin/logs");
        var (status, _, _) = await session.PostAsync("/admin/sign-out", new Dictionary<string, string> { ["__csrf"] = session.LastToken! });
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.False(session.Has("hub_admin"));
        var (after, _, _) = await session.GetAsync("/admin/logs");
        Assert.Equal(HttpStatusCode.Redirect, after);
    }

    [Fact]
    public async Task htmx_without_a_session_is_told_where_to_sign_in()
    {
        using var session = Session();
        var (status, _, response) = await session.GetAsync("/admin/logs", htmx: true);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("/admin/sign-in", response.Headers.GetValues("HX-Redirect").Single());
    }

    [Fact]
    public async Task htmx_is_served_from_the_restored_package()
    {
        using var session = Session();
        var (status, body, response) = await session.GetAsync("/admin/assets/htmx.min.js");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("text/javascript", response.Content.Headers.ContentType?.ToString());
        Assert.Contains("htmx", body);
        Assert.True(body.Length > 10_000);
    }
}
