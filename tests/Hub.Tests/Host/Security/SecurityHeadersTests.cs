using System.Text.RegularExpressions;
using Hub.Tests.Admin;
using Hub.Tests.Infrastructure;

namespace Hub.Tests.Host.Security;

/// <summary>Every page and answer of the hub carries the headers that keep it out of frames and its scripts its own.</summary>
[Collection(AdminCollection.Name)]
public sealed partial class SecurityHeadersTests(AdminFixture fixture)
{
    public static TheoryData<string> Pages => new()
    {
        "/admin/sign-in", "/admin/logs", "/admin/stats", "/admin/runs", "/admin/outbox", "/admin/schedules", "/admin/health",
        "/admin/assets/htmx.min.js", "/admin/assets/hub.js", "/", "/health/live", "/health/ready", "/metrics", "/docs", "/openapi/v1.json",
        "/api/v1/logs", "/api/v1/runs", "/admin/no-such-page", "/no-such-path",
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task every_answer_forbids_framing_sniffing_and_foreign_scripts(string path)
    {
        using var client = fixture.Client(TestKeys.Viewer);
        using var response = await client.GetAsync(path);
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Matches(@"(^|; )script-src 'self'( 'unsafe-inline')?;", csp);
        Assert.DoesNotContain("http", csp);
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Theory]
    [InlineData("/admin/sign-in")]
    [InlineData("/admin/logs")]
    [InlineData("/admin/runs")]
    [InlineData("/admin/outbox")]
    [InlineData("/admin/schedules")]
    [InlineData("/admin/health")]
    [InlineData("/admin/stats")]
    public async Task admin_pages_allow_no_inline_script_and_carry_none(string path)
    {
        using var client = fixture.Client(TestKeys.Operator);
        using var response = await client.GetAsync(path);
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.DoesNotContain("unsafe-inline';", csp.Split("style-src")[0]);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotMatch(InlineScript(), html);
        Assert.DoesNotMatch(InlineHandler(), html);
    }

    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"\son[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex InlineHandler();
}
