using System.Text;
using System.Text.Json;
using Serilog.Events;
using Serilog.Parsing;

namespace Hub.Logs.IngestClef;

/// <summary>
/// Renders a CLEF event's message template (@mt) with Serilog's own parser and renderer, so the stored message is
/// what Serilog itself prints: strings quoted unless :l, :j as JSON, alignment, dotted names as Serilog parses them.
/// A token with a format takes its text from @r when the sender put it there (Serilog's CLEF writes one rendering per
/// token with any format, :l and :j included, in template order): the sender's culture and types made that text.
/// </summary>
public static class MessageTemplate
{
    private static readonly MessageTemplateParser Parser = new();

    public static string Render(string template, JsonElement evt)
    {
        var parsed = Parser.Parse(template);
        var renderings = evt.TryGetProperty("@r", out var r) && r.ValueKind == JsonValueKind.Array ? r.EnumerateArray().ToList() : [];
        var properties = new Dictionary<string, LogEventPropertyValue>();
        foreach (var token in parsed.Tokens.OfType<PropertyToken>())
            if (!properties.ContainsKey(token.PropertyName) && evt.TryGetProperty(token.PropertyName, out var value))
                properties[token.PropertyName] = ToValue(value);

        var text = new StringWriter(new StringBuilder(template.Length + 32));
        var formatted = 0;
        foreach (var token in parsed.Tokens)
        {
            // A credential-named property shows as the mask: the stored message is rendered here, after which the
            // scrubber could no longer tell the password from the words around it.
            var secret = token is PropertyToken p && Writing.CredentialScrubber.IsSensitiveKey(p.PropertyName);
            if (token is PropertyToken { Format: not null } && formatted < renderings.Count)
            {
                var rendering = renderings[formatted++];
                if (secret) { text.Write(Writing.CredentialScrubber.Mask); continue; }
                if (rendering.ValueKind == JsonValueKind.String) { text.Write(rendering.GetString()); continue; }
            }
            if (secret) { text.Write(Writing.CredentialScrubber.Mask); continue; }
            token.Render(properties, text, System.Globalization.CultureInfo.InvariantCulture);
        }
        return text.ToString();
    }

    /// <summary>A CLEF property as Serilog's value: objects are structures (their "$type" the tag), arrays sequences.</summary>
    public static LogEventPropertyValue ToValue(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => new ScalarValue(value.GetString()),
        JsonValueKind.Number when value.TryGetInt64(out var l) => new ScalarValue(l),
        JsonValueKind.Number when value.TryGetDecimal(out var m) => new ScalarValue(m),
        JsonValueKind.Number => new ScalarValue(value.GetDouble()),
        JsonValueKind.True => new ScalarValue(true),
        JsonValueKind.False => new ScalarValue(false),
        JsonValueKind.Array => new SequenceValue(value.EnumerateArray().Select(ToValue).ToArray()),
        JsonValueKind.Object => new StructureValue(
            value.EnumerateObject().Where(p => p.Name != "$type").Select(p => new LogEventProperty(SafeName(p.Name), ToValue(p.Value))).ToArray(),
            value.TryGetProperty("$type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString() : null),
        _ => new ScalarValue(null)
    };

    // LogEventProperty refuses empty or blank names, which a JSON object may have.
    private static string SafeName(string name) => string.IsNullOrWhiteSpace(name) ? "_" : name;
}
