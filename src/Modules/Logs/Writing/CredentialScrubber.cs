using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Hub.Logs.Writing;

/// <summary>
/// Removes credentials before anything is stored: values under credential-like keys, Authorization
/// header values, passwords inside connection strings and URLs, tokens in query strings.
/// Users once pasted credentials into reports; scrubbing at the writer makes that impossible here.
/// </summary>
public static partial class CredentialScrubber
{
    public const string Mask = "***";

    // Keys are compared with case and separators removed: "X-Api-Key", "api_key" and "ApiKey" are one key.
    private static readonly string[] SensitiveKeyParts =
        ["password", "passwd", "secret", "token", "apikey", "authorization", "credential", "privatekey", "cookie", "signature"];
    private static readonly HashSet<string> SensitiveKeys = ["pwd", "auth", "pass", "xseqapikey", "sessionid", "sid"];

    public static bool IsSensitiveKey(string key)
    {
        Span<char> buffer = stackalloc char[Math.Min(key.Length, 128)];
        var n = 0;
        foreach (var c in key)
        {
            if (n == buffer.Length) break;
            if (char.IsLetterOrDigit(c)) buffer[n++] = char.ToLowerInvariant(c);
        }
        var normalised = new string(buffer[..n]);
        if (SensitiveKeys.Contains(normalised)) return true;
        foreach (var part in SensitiveKeyParts)
            if (normalised.Contains(part, StringComparison.Ordinal)) return true;
        return false;
    }

    /// <summary>Scrubs a string that may hold a connection string, a URL, a header line or JSON text.</summary>
    public static string? ScrubText(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text;
        var s = ConnectionStringPassword().Replace(text, m => $"{m.Groups[1].Value}={Mask}");
        s = UrlUserInfo().Replace(s, m => $"{m.Groups[1].Value}:{Mask}@");
        s = AuthScheme().Replace(s, m => $"{m.Groups[1].Value} {Mask}");
        s = QueryCredential().Replace(s, m => $"{m.Groups[1].Value}{Mask}");
        s = JsonCredential().Replace(s, m => $"{m.Groups[1].Value}{Mask}\"");
        return s;
    }

    /// <summary>Scrubs a JSON tree in place and returns it.</summary>
    public static JsonNode? Scrub(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                ScrubObject(obj);
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var item = array[i];
                    if (item is JsonValue v && v.TryGetValue<string>(out var text))
                        array[i] = JsonValue.Create(ScrubText(text));
                    else
                        Scrub(item);
                }
                break;
            case JsonValue value when value.TryGetValue<string>(out var str):
                return JsonValue.Create(ScrubText(str));
        }
        return node;
    }

    private static void ScrubObject(JsonObject obj)
    {
        // A header given as {"name": "Authorization", "value": "..."}: the key is in a sibling value.
        var headerName = (obj["name"] ?? obj["key"] ?? obj["header"]) is JsonValue nv && nv.TryGetValue<string>(out var hn) ? hn : null;
        var headerIsSecret = headerName is not null && IsSensitiveKey(headerName);

        foreach (var key in obj.Select(p => p.Key).ToList())
        {
            var child = obj[key];
            if (child is null) continue;
            if (IsSensitiveKey(key) || (headerIsSecret && key is "value" or "values"))
            {
                obj[key] = child is JsonObject or JsonArray ? MaskTree(child) : JsonValue.Create(Mask);
                continue;
            }
            if (child is JsonValue v && v.TryGetValue<string>(out var text))
                obj[key] = JsonValue.Create(ScrubText(text));
            else
                Scrub(child);
        }
    }

    // A credential-named object keeps its shape (so readers see what was there) but no value survives.
    private static JsonNode MaskTree(JsonNode node) => node switch
    {
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, p.Value is null ? null : MaskTree(p.Value)))),
        JsonArray a => new JsonArray(a.Select(i => i is null ? null : MaskTree(i)).ToArray()),
        _ => JsonValue.Create(Mask)
    };

    [GeneratedRegex(@"(?i)\b(password|pwd|passwd)\s*=\s*(?:'[^']*'|""[^""]*""|[^;\s&]*)")]
    private static partial Regex ConnectionStringPassword();

    [GeneratedRegex(@"(?i)\b([a-z][a-z0-9+.\-]*://[^:/@\s""']+):([^@/\s""']+)@")]
    private static partial Regex UrlUserInfo();

    [GeneratedRegex(@"(?i)\b(Bearer|Basic|Token|Digest|ApiKey)\s+[A-Za-z0-9\-._~+/]{6,}=*")]
    private static partial Regex AuthScheme();

    [GeneratedRegex(@"(?i)([?&;](?:access_token|refresh_token|token|api_key|apikey|key|password|secret|client_secret|sig|signature)=)[^&\s""']+")]
    private static partial Regex QueryCredential();

    [GeneratedRegex(@"(?i)(""(?:password|passwd|secret|token|access_token|refresh_token|api_key|apikey|authorization|client_secret)""\s*:\s*"")[^""]*""")]
    private static partial Regex JsonCredential();
}
