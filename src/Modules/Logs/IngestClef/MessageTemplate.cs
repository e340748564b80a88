using System.Text;
using System.Text.Json;

namespace Hub.Logs.IngestClef;

/// <summary>
/// Renders a Serilog message template (@mt) with the event's properties the way Serilog and Seq show it:
/// strings in quotes unless the token says :l, numbers and booleans as they are, structures as JSON, a
/// token whose value is missing left as written. Tokens with a format take their text from @r, which is
/// where the sender put what the format produced.
/// </summary>
public static class MessageTemplate
{
    public static string Render(string template, JsonElement evt)
    {
        var renderings = evt.TryGetProperty("@r", out var r) && r.ValueKind == JsonValueKind.Array ? r.EnumerateArray().ToList() : [];
        var formatted = 0;
        var text = new StringBuilder(template.Length + 32);
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (c == '{' && i + 1 < template.Length && template[i + 1] == '{') { text.Append('{'); i++; continue; }
            if (c == '}' && i + 1 < template.Length && template[i + 1] == '}') { text.Append('}'); i++; continue; }
            if (c != '{') { text.Append(c); continue; }

            var end = template.IndexOf('}', i + 1);
            if (end < 0) { text.Append(template, i, template.Length - i); break; }
            var token = template[(i + 1)..end];
            text.Append(RenderToken(token, evt, renderings, ref formatted) ?? template[i..(end + 1)]);
            i = end;
        }
        return text.ToString();
    }

    private static string? RenderToken(string token, JsonElement evt, List<JsonElement> renderings, ref int formatted)
    {
        var name = token.TrimStart('@', '$');
        string? format = null;
        var colon = name.IndexOf(':');
        if (colon >= 0) { format = name[(colon + 1)..]; name = name[..colon]; }
        var comma = name.IndexOf(',');
        if (comma >= 0) name = name[..comma];
        if (name.Length == 0 || name.Any(ch => !(char.IsLetterOrDigit(ch) || ch == '_'))) return null;

        // @r holds one rendering per token with a format, in template order.
        // A credential-named property shows as the mask: the stored message is rendered here, after which the
        // scrubber could no longer tell the password from the words around it.
        var secret = Writing.CredentialScrubber.IsSensitiveKey(name);
        if (format is not null && format != "l" && format != "j" && formatted < renderings.Count)
        {
            var rendered = renderings[formatted++].GetString();
            return secret ? Writing.CredentialScrubber.Mask : rendered;
        }
        if (!evt.TryGetProperty(name, out var value)) return null;
        if (secret) return Writing.CredentialScrubber.Mask;
        return value.ValueKind switch
        {
            JsonValueKind.String => format == "l" ? value.GetString() : JsonSerializer.Serialize(value.GetString(), RelaxedJson),
            JsonValueKind.Null => "null",
            _ => value.GetRawText()
        };
    }

    private static readonly JsonSerializerOptions RelaxedJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
