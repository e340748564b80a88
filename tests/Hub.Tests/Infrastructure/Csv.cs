using System.Text;

namespace Hub.Tests.Infrastructure;

/// <summary>A strict RFC 4180 reader for checking exports: quoted fields, doubled quotes, CRLF records.</summary>
public static class Csv
{
    public static List<string[]> Parse(string text, char delimiter = ',')
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        var quoted = false;
        while (i < text.Length)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                if (c == '"') { quoted = false; i++; continue; }
                field.Append(c);
                i++;
                continue;
            }
            if (c == '"' && field.Length == 0) { quoted = true; i++; continue; }
            if (c == '"') throw new FormatException($"a quote inside an unquoted field at {i}");
            if (c == delimiter) { row.Add(field.ToString()); field.Clear(); i++; continue; }
            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add(row.ToArray());
                row.Clear();
                i += 2;
                continue;
            }
            if (c is '\r' or '\n') throw new FormatException($"a bare line break outside quotes at {i}");
            field.Append(c);
            i++;
        }
        if (quoted) throw new FormatException("the text ends inside a quoted field");
        if (field.Length > 0 || row.Count > 0) throw new FormatException("the last record does not end with CRLF");
        return rows;
    }
}
