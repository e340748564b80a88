using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Hub.Logs.Writing;

/// <summary>
/// Removes credentials before anything is stored: values under credential-like keys (in any case, separator or of the
/// languages the hub's users write in), header pairs however they are shaped (<c>{"name":…,"value":…}</c>,
/// <c>{"Key":…,"Value":…}</c>, <c>[["Authorization","…"]]</c>), and in text: header lines (<c>Cookie:</c>,
/// <c>X-Api-Key:</c>), <c>key=value</c> and <c>key: value</c> anywhere, passwords in connection strings and URLs,
/// authorization schemes, PEM private keys, bare JWTs, and JSON held in a string.
/// Users once pasted credentials into reports; scrubbing at the writer makes that impossible here.
/// </summary>
public static partial class CredentialScrubber
{
    public const string Mask = "***";

    // Keys are compared lower-cased with everything but letters and digits removed: "X-Api-Key", "api_key" and "ApiKey" are one key.
    private static readonly string[] SensitiveKeyParts =
    [
        "password", "passwd", "passphrase", "passcode", "secret", "token", "apikey", "accesskey", "authorization", "credential",
        "privatekey", "cookie", "signature", "session", "bearer", "jwt", "clientassertion", "connectionstring",
        // The users write Russian; partners and libraries bring a few more languages.
        "парол", "токен", "секрет", "ключдоступа", "ключapi", "apiключ", "учетныеданные",
        "passwort", "kennwort", "motdepasse", "contraseña", "contrasena", "senha", "haslo", "hasło", "wachtwoord",
    ];
    private static readonly HashSet<string> SensitiveKeys = ["pwd", "pw", "auth", "pass", "xseqapikey", "sid", "pin", "otp", "cvv", "cvc"];

    // Header-pair objects: the property naming the header, and those holding its value.
    private static readonly HashSet<string> PairNameKeys = ["name", "key", "header", "headername", "field"];
    private static readonly HashSet<string> PairValueKeys = ["value", "values", "val", "v"];

    public static bool IsSensitiveKey(string key)
    {
        var normalised = Normalise(key);
        if (normalised.Length == 0) return false;
        if (SensitiveKeys.Contains(normalised)) return true;
        foreach (var part in SensitiveKeyParts)
            if (normalised.Contains(part, StringComparison.Ordinal)) return true;
        return false;
    }

    private static string Normalise(string key)
    {
        Span<char> buffer = stackalloc char[Math.Min(key.Length, 128)];
        var n = 0;
        foreach (var c in key)
        {
            if (n == buffer.Length) break;
            if (char.IsLetterOrDigit(c)) buffer[n++] = c;
        }
        // One call for the whole key: per character, a Cyrillic letter went to ICU on its own, and every "ключ: значение"
        // line of a log's text passes here (5.7 % of the hub's CPU under ingestion was that case change).
        Span<char> lower = stackalloc char[n];
        buffer[..n].ToLowerInvariant(lower);
        return new string(lower);
    }

    /// <summary>Scrubs a string that may hold a connection string, a URL, header lines, a PEM block, a JWT or JSON text.</summary>
    public static string? ScrubText(string? text) => ScrubText(text, 0);

    private static string? ScrubText(string? text, int depth)
    {
        if (string.IsNullOrEmpty(text)) return text;
        var s = ScrubEmbeddedJson(text, depth);
        s = PemPrivateKey().Replace(s, m => $"-----BEGIN {m.Groups[1].Value}-----{Mask}-----END {m.Groups[1].Value}-----");
        s = Jwt().Replace(s, Mask);
        s = ConnectionStringPassword().Replace(s, m => $"{m.Groups[1].Value}={Mask}");
        s = UrlUserInfo().Replace(s, m => $"{m.Groups[1].Value}:{Mask}@");
        s = AuthScheme().Replace(s, m => $"{m.Groups[1].Value} {Mask}");
        s = QueryCredential().Replace(s, m => $"{m.Groups[1].Value}{Mask}");
        // Header pairs first: once "Key": "Authorization" is read as a pair, its value is what goes.
        s = JsonTextHeaderObject().Replace(s, m => IsSensitiveKey(m.Groups["key"].Value) ? $"{m.Groups["head"].Value}{m.Groups["q"].Value}{Mask}{m.Groups["q"].Value}" : m.Value);
        s = JsonTextHeaderArray().Replace(s, m => IsSensitiveKey(m.Groups["key"].Value) ? $"{m.Groups["head"].Value}{m.Groups["q"].Value}{Mask}{m.Groups["q"].Value}" : m.Value);
        s = JsonTextPair().Replace(s, m => IsSensitiveKey(m.Groups["key"].Value) ? $"{m.Groups["head"].Value}{m.Groups["q"].Value}{Mask}{m.Groups["q"].Value}" : m.Value);
        s = JsonTextScalar().Replace(s, m => IsSensitiveKey(m.Groups["key"].Value) ? $"{m.Groups["head"].Value}\"{Mask}\"" : m.Value);
        return MaskKeyValues(s);
    }

    /// <summary>
    /// key=value and key: value in prose, header lines and query strings, wherever they stand. After ':' an unquoted value
    /// runs to the end of the line (Cookie: a=1; b=2, Authorization: Basic …), after '=' to the next separator; a quoted
    /// value to its closing quote.
    /// </summary>
    private static string MaskKeyValues(string s)
    {
        System.Text.StringBuilder? result = null;
        var copied = 0;
        foreach (Match m in KeyValueHead().Matches(s))
        {
            if (m.Index < copied || !IsSensitiveKey(m.Groups["key"].Value)) continue;
            var start = m.Index + m.Length;
            if (start >= s.Length || s.AsSpan(start).StartsWith(Mask) || s.AsSpan(start).TrimStart("\\\"'").StartsWith(Mask)) continue;
            var lineEnd = s.IndexOfAny(['\r', '\n'], start) is var nl and >= 0 ? nl : s.Length;
            var quote = s[start] is '"' or '\'' ? s[start] : '\0';
            int end;
            if (quote != '\0')
                end = s.IndexOf(quote, start + 1, lineEnd - start - 1) is var close and >= 0 ? close + 1 : lineEnd;
            else if (m.Groups["sep"].Value == ":")
                end = lineEnd;
            else
                end = s.IndexOfAny([' ', '\t', '\r', '\n', '&', ';', ',', ')', '"', '\''], start) is var stop and >= 0 ? stop : s.Length;
            if (end <= start) continue;
            result ??= new System.Text.StringBuilder(s.Length);
            result.Append(s, copied, start - copied);
            if (quote != '\0') result.Append(quote).Append(Mask).Append(quote);
            else result.Append(Mask);
            copied = end;
        }
        if (result is null) return s;
        return result.Append(s, copied, s.Length - copied).ToString();
    }

    // A string holding JSON (a payload logged as text) is scrubbed as the JSON it is, and written back only if that changed it.
    private static string ScrubEmbeddedJson(string text, int depth)
    {
        var trimmed = text.AsSpan().Trim();
        if (depth > 8 || trimmed.Length < 2 || !(trimmed[0] == '{' && trimmed[^1] == '}' || trimmed[0] == '[' && trimmed[^1] == ']')) return text;
        JsonNode? node;
        try
        {
            // Through the sanitiser: JsonNode would throw on a lone surrogate escape (\udc00) when its string is read.
            node = JsonSanitizer.ToNode(System.Text.Encoding.UTF8.GetBytes(text), "", new JsonSanitizer.Notes());
        }
        catch (JsonException)
        {
            return text;
        }
        if (node is null) return text;
        var before = node.ToJsonString(RelaxedJson);
        var after = Scrub(node, depth + 1)?.ToJsonString(RelaxedJson);
        return after is not null && after != before ? after : text;
    }

    private static readonly JsonSerializerOptions RelaxedJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Scrubs a JSON tree in place and returns it.</summary>
    public static JsonNode? Scrub(JsonNode? node) => Scrub(node, 0);

    private static JsonNode? Scrub(JsonNode? node, int depth)
    {
        switch (node)
        {
            case JsonObject obj:
                ScrubObject(obj, depth);
                break;
            case JsonArray array:
                // A header as a pair: ["Authorization", "Bearer …"] (or the name and several values after it).
                var pairIsSecret = array.Count >= 2 && array[0] is JsonValue first && first.TryGetValue<string>(out var name) && IsSensitiveKey(name);
                for (var i = 0; i < array.Count; i++)
                {
                    var item = array[i];
                    if (pairIsSecret && i > 0 && item is not null)
                        array[i] = MaskTree(item);
                    else if (item is JsonValue v && v.TryGetValue<string>(out var text))
                        array[i] = JsonValue.Create(ScrubText(text, depth));
                    else
                        Scrub(item, depth);
                }
                break;
            case JsonValue value when value.TryGetValue<string>(out var str):
                return JsonValue.Create(ScrubText(str, depth));
        }
        return node;
    }

    private static void ScrubObject(JsonObject obj, int depth)
    {
        // A header given as {"name": "Authorization", "value": "..."} or {"Key": "Cookie", "Value": [...]}: the key is in a sibling value.
        var headerIsSecret = obj.Any(p => PairNameKeys.Contains(Normalise(p.Key)) && p.Value is JsonValue nv && nv.TryGetValue<string>(out var hn) && IsSensitiveKey(hn));

        foreach (var key in obj.Select(p => p.Key).ToList())
        {
            var child = obj[key];
            if (child is null) continue;
            if (IsSensitiveKey(key) || (headerIsSecret && PairValueKeys.Contains(Normalise(key))))
            {
                obj[key] = MaskTree(child);
                continue;
            }
            if (child is JsonValue v && v.TryGetValue<string>(out var text))
                obj[key] = JsonValue.Create(ScrubText(text, depth));
            else
                Scrub(child, depth);
        }
    }

    // A credential-named object keeps its shape (so readers see what was there) but no value survives.
    private static JsonNode MaskTree(JsonNode node) => node switch
    {
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, p.Value is null ? null : MaskTree(p.Value)))),
        JsonArray a => new JsonArray(a.Select(i => i is null ? null : MaskTree(i)).ToArray()),
        _ => JsonValue.Create(Mask)
    };

    [GeneratedRegex(@"-----BEGIN ([A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?)-----(?:[\s\S]*?-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|[\s\S]*$)")]
    private static partial Regex PemPrivateKey();

    // Header.payload.signature, both first parts base64url JSON ("eyJ" is '{"').
    [GeneratedRegex(@"\beyJ[A-Za-z0-9_\-]{4,}\.[A-Za-z0-9_\-]{4,}(?:\.[A-Za-z0-9_\-]*){1,3}")]
    private static partial Regex Jwt();

    [GeneratedRegex(@"(?i)\b(password|pwd|passwd)\s*=\s*(?:'[^']*'|""[^""]*""|[^;\s&]*)")]
    private static partial Regex ConnectionStringPassword();

    [GeneratedRegex(@"(?i)\b([a-z][a-z0-9+.\-]*://[^:/@\s""']+):([^@/\s""']+)@")]
    private static partial Regex UrlUserInfo();

    [GeneratedRegex(@"(?i)\b(Bearer|Basic|Token|Digest|ApiKey|Negotiate|NTLM|Hawk|OAuth)\s+[A-Za-z0-9\-._~+/]{6,}=*")]
    private static partial Regex AuthScheme();

    [GeneratedRegex(@"(?i)([?&;](?:access_token|refresh_token|token|api_key|apikey|key|password|secret|client_secret|sig|signature)=)[^&\s""']+")]
    private static partial Regex QueryCredential();

    // "key": "value" in JSON text, also escaped once (\"key\": \"value\") as JSON inside a JSON string shows it.
    [GeneratedRegex(@"(?<head>(?<q>\\?"")(?<key>[^""\\]{1,100})\k<q>\s*:\s*)\k<q>(?:(?!\k<q>)[^\\]|\\[^""])*\k<q>")]
    private static partial Regex JsonTextPair();

    [GeneratedRegex(@"(?<head>""(?<key>[^""\\]{1,100})""\s*:\s*)(?<value>-?\d[\d.eE+\-]*|true|false)")]
    private static partial Regex JsonTextScalar();

    // ["Authorization", "…"] in JSON text.
    [GeneratedRegex(@"(?<head>\[\s*(?<q>\\?"")(?<key>[^""\\]{1,100})\k<q>\s*,\s*)\k<q>(?:(?!\k<q>)[^\\]|\\[^""])*\k<q>")]
    private static partial Regex JsonTextHeaderArray();

    // {"Key": "Authorization", "Value": "…"} in JSON text.
    [GeneratedRegex(@"(?i)(?<head>(?<q>\\?"")(?:name|key|header)\k<q>\s*:\s*\k<q>(?<key>[^""\\]{1,100})\k<q>\s*,\s*\k<q>(?:value|values)\k<q>\s*:\s*)\k<q>(?:(?!\k<q>)[^\\]|\\[^""])*\k<q>")]
    private static partial Regex JsonTextHeaderObject();

    [GeneratedRegex(@"(?<![\p{L}\p{N}_\-.])(?<key>[\p{L}\p{N}_][\p{L}\p{N}_\-.]{0,99})[""']?[ \t]*(?<sep>[:=])[ \t]*")]
    private static partial Regex KeyValueHead();
}
