using System.Text.Json;
using System.Text.Json.Nodes;
using Hub.Contracts.Logging;
using Hub.Logs.IngestClef;
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
    [InlineData("Cookie: theme=dark; sess=c00kie-value", "c00kie-value")]
    [InlineData("HTTP/1.1 200\nSet-Cookie: id=set-c00kie; Path=/\n", "set-c00kie")]
    [InlineData("X-Api-Key: hdr-line-key", "hdr-line-key")]
    [InlineData("see callback api_key=anywhere-123 here", "anywhere-123")]
    [InlineData("/done/token=path-tok-9/", "path-tok-9")]
    [InlineData("login failed, password: hunter2 (user bob)", "hunter2")]
    [InlineData("Пароль: qwerty123", "qwerty123")]
    [InlineData("токен = abcdef-ru", "abcdef-ru")]
    [InlineData("passphrase=correct-horse", "correct-horse")]
    [InlineData("session: s-0123", "s-0123")]
    [InlineData("access_key=AKIA0123", "AKIA0123")]
    [InlineData("[[\"Authorization\",\"raw-hdr-val\"]]x", "raw-hdr-val")]
    [InlineData("{\"Key\":\"Authorization\",\"Value\":\"kv-hdr-val\"} and more", "kv-hdr-val")]
    [InlineData("{\"pin\": 123456}", "123456")]
    [InlineData("-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0B\n-----END PRIVATE KEY-----", "MIIEvQIBADANBgkqhkiG9w0B")]
    [InlineData("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjE (truncated", "b3BlbnNzaC1rZXktdjE")]
    [InlineData("got eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJl back", "eyJzdWIiOiIxMjMifQ")]
    [InlineData("\"{\\\"password\\\":\\\"escaped-once\\\"}\"", "escaped-once")]
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
    [InlineData("PassPhrase", true)]
    [InlineData("session", true)]
    [InlineData("access_key", true)]
    [InlineData("bearer", true)]
    [InlineData("jwt", true)]
    [InlineData("Set-Cookie", true)]
    [InlineData("пароль", true)]
    [InlineData("Пароль_Пользователя", true)]
    [InlineData("токен", true)]
    [InlineData("секрет", true)]
    [InlineData("mot_de_passe", true)]
    [InlineData("contraseña", true)]
    [InlineData("Ref_Key", false)]
    [InlineData("key", false)]
    [InlineData("склад", false)]
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

    [Fact]
    public void what_stands_next_to_a_secret_stays()
    {
        Assert.Equal("url: http://x/y?page=2 and token: ***", CredentialScrubber.ScrubText("url: http://x/y?page=2 and token: abc"));
        Assert.Equal("Order 42 sent to Бестужевых, status=failed", CredentialScrubber.ScrubText("Order 42 sent to Бестужевых, status=failed"));
        Assert.Equal("HTTP/1.1 401\nCookie: ***\nContent-Type: application/json",
            CredentialScrubber.ScrubText("HTTP/1.1 401\nCookie: a=1; b=2\nContent-Type: application/json"));
        Assert.Equal("{\"user\":\"bob\",\"password\":\"***\"}", CredentialScrubber.ScrubText("{\"user\":\"bob\",\"password\":\"x\"}"));
    }

    [Fact]
    public void header_pairs_of_every_shape_lose_their_values()
    {
        var node = JsonNode.Parse("""
            {"a":[["Authorization","pair-111"],["Accept","json"]],
             "b":[{"Key":"Cookie","Value":["kv-222","kv-333"]},{"Key":"Accept","Value":"text"}],
             "c":{"HEADER":"x-api-key","VALUE":"hv-444"},
             "d":"[[\"X-Api-Key\",\"str-555\"]]"}
            """);
        var text = CredentialScrubber.Scrub(node)!.ToJsonString();
        foreach (var secret in new[] { "pair-111", "kv-222", "kv-333", "hv-444", "str-555" }) Assert.DoesNotContain(secret, text);
        Assert.Contains("\"Accept\",\"json\"", text);
        Assert.Contains("\"text\"", text);
    }

    [Fact]
    public void a_clef_template_renders_a_credential_named_property_as_the_mask()
    {
        using var evt = JsonDocument.Parse("""
            {"@t":"2026-11-23T10:00:00Z","@mt":"Login {User} with {Password} / {ApiKey:x} / {Пароль:l}","User":"bob","Password":"tmpl-111","ApiKey":5,"Пароль":"tmpl-222","@r":["tmpl-333"]}
            """);
        var rendered = MessageTemplate.Render(evt.RootElement.GetProperty("@mt").GetString()!, evt.RootElement);
        Assert.Equal("Login \"bob\" with *** / *** / ***", rendered);
    }

    [Fact]
    public void the_corpus_leaves_nothing_in_a_normalised_record()
    {
        var (records, planted) = SecretCorpus.Build(Guid.NewGuid());
        var stored = new System.Text.StringBuilder();
        foreach (var record in records)
        {
            var r = record!.AsObject();
            JsonElement? Element(string name) => r[name] is { } n ? JsonDocument.Parse(n.ToJsonString()).RootElement.Clone() : null;
            var entry = new LogEntry
            {
                ProcessName = (string?)r["process_name"] ?? "", RunId = (string?)r["run_id"], Message = (string?)r["message"], ErrorMessage = (string?)r["error_message"],
                Details = Element("details"), Payload = Element("payload"), RequestPayload = Element("request_payload"), ResponsePayload = Element("response_payload"),
            };
            stored.AppendLine(JsonSerializer.Serialize(LogNormalizer.Normalize(entry, Guid.NewGuid(), DateTimeOffset.UnixEpoch)));
        }
        var text = stored.ToString();
        var leaks = planted.Where(p => text.Contains(p.Secret, StringComparison.Ordinal)).Select(p => p.Where).ToList();
        Assert.True(leaks.Count == 0, $"{leaks.Count} of {planted.Count} leaked: {string.Join(", ", leaks)}");
        foreach (var kept in SecretCorpus.Kept) Assert.Contains(kept, text);
    }
}
