using System.Text.Encodings.Web;
using System.Text.Json;

namespace Hub.Host.Commands;

/// <summary>JSON for a terminal: Cyrillic names and messages as themselves, never as \uXXXX escapes.</summary>
public static class CliJson
{
    // The output is read by people and scripts, never embedded in HTML, so the relaxed encoder is safe here.
    public static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
