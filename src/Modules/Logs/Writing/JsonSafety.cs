using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Hub.Logs.Writing;

/// <summary>Makes whatever a caller logs into JSON that can be stored: never throws, caps size, keeps a hint of what was odd.</summary>
public static class JsonSafety
{
    /// <summary>A payload larger than this is stored as a preview; a log row is not the place for megabytes.</summary>
    public const int MaxPayloadChars = 256 * 1024;

    private static readonly JsonSerializerOptions Lenient = new()
    {
        ReferenceHandler = ReferenceHandler.IgnoreCycles,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        MaxDepth = 64,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping
    };

    /// <summary>The value as a sanitised JSON tree (<see cref="JsonSanitizer"/>), changes noted under <paramref name="path"/>.</summary>
    public static JsonNode? ToNode(object? value, string path, JsonSanitizer.Notes notes)
    {
        try
        {
            return value switch
            {
                null => null,
                JsonElement { ValueKind: JsonValueKind.Undefined } => null,
                JsonElement element => JsonSanitizer.ToNode(element, path, notes),
                JsonDocument doc => JsonSanitizer.ToNode(doc.RootElement, path, notes),
                JsonNode node => JsonSanitizer.ToNode(Encoding.UTF8.GetBytes(node.ToJsonString(Lenient)), path, notes),
                string text => JsonValue.Create(JsonSanitizer.CleanText(text, path, notes)),
                _ => JsonSanitizer.ToNode(JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), Lenient), path, notes)
            };
        }
        catch (Exception ex)
        {
            notes.Add(path, "could not be serialised");
            return new JsonObject
            {
                ["_unserializable"] = value!.GetType().FullName,
                ["_reason"] = JsonSanitizer.CleanText(ex.Message, path, null),
                ["text"] = JsonSanitizer.CleanText(SafeToString(value), path, null)
            };
        }
    }

    /// <summary>The stored form: scrubbed, capped, as a detached JsonElement.</summary>
    public static JsonElement? ToStored(JsonNode? node)
    {
        if (node is null) return null;
        var text = node.ToJsonString(Lenient);
        if (text.Length > MaxPayloadChars)
        {
            text = new JsonObject
            {
                ["_truncated"] = true,
                ["_original_chars"] = text.Length,
                ["preview"] = text[..4096]
            }.ToJsonString(Lenient);
        }
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.Clone();
    }

    public static string? Hash(JsonElement? stored)
    {
        if (stored is null) return null;
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(stored.Value.GetRawText()));
        return Convert.ToHexStringLower(bytes);
    }

    private static string? SafeToString(object value)
    {
        try { return value.ToString(); } catch { return null; }
    }
}
