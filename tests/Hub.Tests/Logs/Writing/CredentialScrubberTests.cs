using System.Text.Json.Nodes;
using Hub.Logs.Writing;

namespace Hub.Tests.Logs.Writing;

public sealed class CredentialScrubberTests
{
    [Theory]
    [InlineData("Host=db;Username=u;Password=s3cr3t;Database=x", "s3cr3t")]
    [InlineData("Server=db;PWD = 'quoted pass';", "quoted pass")]
    [InlineData("postgresql://hub:pa55word@db:5432/hub", "pa55word")]
    [InlineData("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload", "eyJhbGciOiJIUzI1NiJ9")]
    [InlineData("Basic YWRtaW46cGFzc3dvcmQ=", "YWRtaW46cGFzc3dvcmQ")]
    [InlineData("https://api/x?a=1&access_token=abc123xyz&b=2", "abc123xyz")]
    [InlineData("{\"password\": \"in-json-text\"}", "in-json-text")]
    public void text_loses_the_credential_and_keeps_the_rest(string text, string secret)
    {
        var scrubbed = CredentialScrubber.ScrubText(text)!;
        Assert.DoesNotContain(secret, scrubbed);
        Assert.Contains(CredentialScrubber.Mask, scrubbed);
    }

    [Theory]
    [InlineData("password", true)]
    [InlineData("Password", true)]
    [InlineData("client_secret", true)]
    [InlineData("X-Api-Key", true)]
    [InlineData("apiKey", true)]
    [InlineData("access_token", true)]
    [InlineData("Authorization", true)]
    [InlineData("pwd", true)]
    [InlineData("name", false)]
    [InlineData("status", false)]
    [InlineData("run_id", false)]
    public void sensitive_keys_are_recognised_in_any_spelling(string key, bool sensitive) =>
        Assert.Equal(sensitive, CredentialScrubber.IsSensitiveKey(key));

    [Fact]
    public void nested_objects_arrays_and_header_pairs_are_scrubbed()
    {
        // Values are chosen so that only the key or the header's name marks them as secret.
        var node = JsonNode.Parse("""
            {"a":{"b":[{"c":{"token":"tok-111"}},{"secret":{"inner":"sec-222","list":["sec-333"]}}]},
             "headers":[{"name":"X-Api-Key","value":"hdr-444"},{"name":"Accept","value":"json"}],
             "keep":"visible"}
            """);
        var text = CredentialScrubber.Scrub(node)!.ToJsonString();
        foreach (var secret in new[] { "tok-111", "sec-222", "sec-333", "hdr-444" }) Assert.DoesNotContain(secret, text);
        Assert.Contains("visible", text);
        Assert.Contains("\"Accept\"", text);
        Assert.Contains("json", text);
    }
}
