using System.Globalization;
using System.Text;

namespace Hub.Integrations.OneC;

/// <summary>
/// Builds 1C OData URLs by hand: generic OData libraries have mis-routed Cyrillic entity names. Path segments
/// and query values are UTF-8 percent-encoded; OData's own punctuation ( ) ' = , stays readable.
/// </summary>
public static class ODataUrl
{
    private const string KeptPunctuation = "()'=,:$_-.~";

    public static string Encode(string text)
    {
        var sb = new StringBuilder(text.Length * 2);
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            var c = (char)b;
            if (b < 128 && (char.IsAsciiLetterOrDigit(c) || KeptPunctuation.Contains(c))) sb.Append(c);
            else sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    /// <summary>An OData string literal: quotes inside are doubled.</summary>
    public static string Literal(string value) => "'" + value.Replace("'", "''") + "'";

    public static string Guid(Guid value) => $"guid'{value:D}'";

    public static string Build(string baseUrl, string path, params (string Name, string Value)[] query)
    {
        var sb = new StringBuilder(baseUrl.TrimEnd('/')).Append("/odata/standard.odata/").Append(path).Append("?$format=json");
        foreach (var (name, value) in query) sb.Append('&').Append(name).Append('=').Append(Encode(value));
        return sb.ToString();
    }
}
