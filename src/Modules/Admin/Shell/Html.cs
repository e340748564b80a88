using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Hub.Admin.Shell;

/// <summary>The only way a value reaches a page: HTML-encoded. Every range is allowed so Cyrillic stays readable in the source.</summary>
public static class Html
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string E(object? value) => value switch
    {
        null => "",
        // In the pages' zone (Moscow unless configured), which each page names beside its times.
        DateTimeOffset t => Encoder.Encode(AdminClock.Format(t)),
        IFormattable f => Encoder.Encode(f.ToString(null, CultureInfo.InvariantCulture)),
        _ => Encoder.Encode(value.ToString() ?? "")
    };

    /// <summary>A page's state as a query string (not HTML-encoded yet): the pairs with a value, each URL-encoded.</summary>
    public static string QueryString(IEnumerable<(string Name, string? Value)> pairs) =>
        string.Join("&", pairs.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}"));

    /// <summary>A query-string value: URL-encoded, then HTML-encoded for the attribute it sits in.</summary>
    public static string Q(string? value) => E(Uri.EscapeDataString(value ?? ""));

    public static string Option(string value, string label, string? selected) =>
        $"<option value=\"{E(value)}\"{(string.Equals(value, selected, StringComparison.OrdinalIgnoreCase) ? " selected" : "")}>{E(label)}</option>";

    /// <summary>The one way a page says something went wrong: each line encoded, read out by screen readers.</summary>
    public static string Alert(IEnumerable<string?> lines, string? id = null) =>
        $"<div class=\"error\" role=\"alert\"{(id is null ? "" : $" id=\"{E(id)}\"")}>{string.Join("<br>", lines.Select(E))}</div>";

    public static string Alert(string? message, string? id = null) => Alert([message], id);
}
