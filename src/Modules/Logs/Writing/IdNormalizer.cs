namespace Hub.Logs.Writing;

/// <summary>
/// Turns the id strings old callers send into UUIDs: any usual spelling (upper case, braces, no dashes,
/// urn:uuid:) parses; anything else becomes null and the caller learns what was dropped from details.
/// </summary>
public static class IdNormalizer
{
    public static bool TryNormalize(string? raw, out Guid? id)
    {
        id = null;
        if (string.IsNullOrWhiteSpace(raw)) return true;
        var text = raw.Trim();
        if (text.StartsWith("urn:uuid:", StringComparison.OrdinalIgnoreCase)) text = text[9..];
        if (Guid.TryParse(text, out var parsed))
        {
            id = parsed == Guid.Empty ? null : parsed;
            return true;
        }
        return false;
    }
}
