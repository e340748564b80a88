using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hub.Simulators.OneC;

// Values are compared the way 1C's query language does: strings without regard to case,
// references and dates by value whatever their textual form.
public static class ODataValues
{
    private static readonly string[] DateFormats =
        ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];

    public static bool TryParseDate(string text, out DateTime value) =>
        DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out value);

    public static string FormatDate(DateTime value) => value.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    // Every arm is cast to object: JsonNode converts implicitly from primitives, so the switch would
    // otherwise pick JsonNode as its type and hand back nodes instead of values.
    public static object? FromNode(JsonNode? node) => node?.GetValueKind() switch
    {
        null or JsonValueKind.Null => null,
        JsonValueKind.String => (object)node.GetValue<string>(),
        JsonValueKind.Number => (object)node.GetValue<decimal>(),
        JsonValueKind.True => (object)true,
        JsonValueKind.False => (object)false,
        _ => (object)node,
    };

    public static bool AreEqual(object? left, object? right)
    {
        if (left is null || right is null) return left is null && right is null;
        if (left is Guid || right is Guid) return AsGuid(left) is { } a && AsGuid(right) is { } b && a == b;
        if (left is DateTime || right is DateTime) return AsDate(left) is { } a && AsDate(right) is { } b && a == b;
        if (left is decimal l && right is decimal r) return l == r;
        if (left is bool lb && right is bool rb) return lb == rb;
        return string.Equals(Convert.ToString(left, CultureInfo.InvariantCulture), Convert.ToString(right, CultureInfo.InvariantCulture), StringComparison.OrdinalIgnoreCase);
    }

    public static int? Compare(object? left, object? right)
    {
        if (left is null || right is null) return null;
        if (left is DateTime || right is DateTime) return AsDate(left) is { } a && AsDate(right) is { } b ? a.CompareTo(b) : null;
        if (left is decimal l && right is decimal r) return l.CompareTo(r);
        if (left is string ls && right is string rs) return string.Compare(ls, rs, StringComparison.OrdinalIgnoreCase);
        if (left is bool lb && right is bool rb) return lb.CompareTo(rb);
        if (left is Guid || right is Guid) return AsGuid(left) is { } a && AsGuid(right) is { } b ? a.CompareTo(b) : null;
        return null;
    }

    private static Guid? AsGuid(object value) => value switch
    {
        Guid g => g,
        string s when Guid.TryParse(s, out var g) => g,
        _ => null,
    };

    private static DateTime? AsDate(object value) => value switch
    {
        DateTime d => d,
        string s when TryParseDate(s, out var d) => d,
        _ => null,
    };
}
