using System.Text.Json;
using System.Text.RegularExpressions;

namespace Hub.Integrations.Http;

/// <summary>Reads an error body of any shape. МойСклад has answered 429 with an HTML page; an error body is never assumed to be JSON.</summary>
public static partial class ErrorBodies
{
    public static (string? Code, string Text, string? Parameter) Parse(string? body, string? mediaType, string reasonPhrase)
    {
        if (string.IsNullOrWhiteSpace(body)) return (null, reasonPhrase.Length > 0 ? reasonPhrase : "empty response", null);
        var trimmed = body.TrimStart();
        if (trimmed.StartsWith('{') || trimmed.StartsWith('['))
        {
            try
            {
                using var doc = JsonDocument.Parse(trimmed);
                var root = doc.RootElement;
                if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
                {
                    var first = errors[0];
                    var texts = errors.EnumerateArray().Select(e => e.TryGetProperty("error", out var t) ? t.GetString() : null).Where(t => t is not null);
                    return (first.TryGetProperty("code", out var c) ? c.ToString() : null, string.Join("; ", texts),
                        first.TryGetProperty("parameter", out var p) ? p.GetString() : null);
                }
                if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("odata.error", out var odata))
                {
                    var code = odata.TryGetProperty("code", out var c) ? c.ToString() : null;
                    var text = odata.TryGetProperty("message", out var m)
                        ? m.ValueKind == JsonValueKind.Object && m.TryGetProperty("value", out var v) ? v.GetString() : m.ToString()
                        : null;
                    return (code, text ?? reasonPhrase, null);
                }
            }
            catch (JsonException)
            {
                // Falls through to the text form below.
            }
        }
        if (mediaType?.Contains("html", StringComparison.OrdinalIgnoreCase) == true || trimmed.StartsWith('<'))
        {
            var title = Title().Match(body) is { Success: true } t ? t.Groups[1].Value : H1().Match(body) is { Success: true } h ? h.Groups[1].Value : null;
            var text = WebUtility(title ?? Tags().Replace(body, " "));
            return (null, $"HTML error page: {Truncate(text, 200)}", null);
        }
        return (null, Truncate(body.Trim(), 300), null);
    }

    private static string WebUtility(string s) => Spaces().Replace(System.Net.WebUtility.HtmlDecode(s), " ").Trim();
    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max] + "…";

    [GeneratedRegex(@"<title[^>]*>(.*?)</title>", RegexOptions.IgnoreCase | RegexOptions.Singleline)] private static partial Regex Title();
    [GeneratedRegex(@"<h1[^>]*>(.*?)</h1>", RegexOptions.IgnoreCase | RegexOptions.Singleline)] private static partial Regex H1();
    [GeneratedRegex(@"<[^>]+>")] private static partial Regex Tags();
    [GeneratedRegex(@"\s+")] private static partial Regex Spaces();
}
