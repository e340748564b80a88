using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hub.Logs.Api;

/// <summary>JSON settings of the logs API: snake_case names, as the users' existing callers send them.</summary>
public static class LogJson
{
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var o = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            NumberHandling = JsonNumberHandling.AllowReadingFromString,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping
        };
        return o;
    }
}

/// <summary>
/// Reads any JSON scalar as a string. Old callers send ids as numbers or strings alike; the writer then
/// decides what is a UUID, so binding must never fail on the shape of an id.
/// </summary>
public sealed class AnyScalarAsStringConverter : JsonConverter<string?>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False => JsonDocument.ParseValue(ref reader).RootElement.GetRawText(),
        _ => JsonDocument.ParseValue(ref reader).RootElement.GetRawText()
    };

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
    {
        if (value is null) writer.WriteNullValue(); else writer.WriteStringValue(value);
    }
}
