using System.Text;

namespace Hub.Simulators.OneC;

public static class ODataPath
{
    // Splits on '/' only outside quotes and parentheses: a Condition may well contain a slash.
    public static List<ODataSegment> Parse(string path)
    {
        var segments = new List<ODataSegment>();
        var current = new StringBuilder();
        var depth = 0;
        var quoted = false;
        foreach (var c in path)
        {
            if (c == '\'') quoted = !quoted;
            else if (!quoted && c == '(') depth++;
            else if (!quoted && c == ')') depth--;
            if (c == '/' && depth == 0 && !quoted)
            {
                Flush();
                continue;
            }

            current.Append(c);
        }

        Flush();
        return segments;

        void Flush()
        {
            if (current.Length == 0) return;
            var text = current.ToString();
            current.Clear();
            var open = text.IndexOf('(');
            if (open < 0 || !text.EndsWith(')'))
            {
                segments.Add(new ODataSegment(text, null));
                return;
            }

            segments.Add(new ODataSegment(text[..open], text[(open + 1)..^1]));
        }
    }

    // Key syntax: guid'…' or Ref_Key=guid'…'.
    public static Guid? ParseKey(string? arguments)
    {
        if (arguments is null) return null;
        var text = arguments.Trim();
        var equals = text.IndexOf('=');
        if (equals >= 0)
        {
            if (!text[..equals].Trim().Equals("Ref_Key", StringComparison.Ordinal)) return null;
            text = text[(equals + 1)..].Trim();
        }

        if (!text.StartsWith("guid'", StringComparison.OrdinalIgnoreCase) || !text.EndsWith('\'')) return null;
        return Guid.TryParse(text[5..^1], out var key) ? key : null;
    }
}
