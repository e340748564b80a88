using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hub.Logs.Writing;

/// <summary>
/// Makes any JSON a caller sent storable by PostgreSQL and readable by every page, noting each change:
/// PostgreSQL refuses U+0000 in text and jsonb and lone UTF-16 surrogates in jsonb, jsonb's numeric refuses
/// numbers like 1e1000000, and nesting deeper than the serializers' 64 levels breaks every read of the row.
/// So NUL and bad surrogates become U+FFFD, such numbers are kept as their text, nesting past
/// <see cref="MaxDepth"/> is cut with a marker, and a repeated key is kept under "key~2" instead of being lost.
/// Reads the raw UTF-8 tokens itself, because System.Text.Json refuses to hand out a string with a lone surrogate.
/// </summary>
public static class JsonSanitizer
{
    /// <summary>Levels kept inside one payload or details value; a record adds two around it, well below 64.</summary>
    public const int MaxDepth = 32;

    public const char Replacement = '\uFFFD';

    public static string CutMarker => $"(nesting deeper than {MaxDepth} levels cut)";

    /// <summary>What was changed, as "path: what"; stored with the record as its "sanitized" list.</summary>
    public sealed class Notes
    {
        private List<string>? _items;
        public IReadOnlyList<string> Items => _items ?? (IReadOnlyList<string>)[];
        public int Count => _items?.Count ?? 0;
        public void Add(string path, string what) => Add($"{path}: {what}");

        public void Add(string note)
        {
            _items ??= [];
            // A hostile body could produce millions; the first few say enough.
            if (_items.Count < 50) _items.Add(note);
        }
    }

    /// <summary>Text with NUL and lone surrogates replaced (and noted); the same instance when nothing was wrong.</summary>
    public static string? CleanText(string? text, string path, Notes? notes)
    {
        if (text is null) return null;
        var bad = -1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0' || char.IsSurrogate(c) && !IsPairAt(text, i)) { bad = i; break; }
            if (char.IsHighSurrogate(c)) i++;
        }
        if (bad < 0) return text;

        var sb = new StringBuilder(text.Length);
        sb.Append(text, 0, bad);
        bool nul = false, surrogate = false;
        for (var i = bad; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0') { sb.Append(Replacement); nul = true; }
            else if (char.IsHighSurrogate(c) && IsPairAt(text, i)) { sb.Append(c).Append(text[++i]); }
            else if (char.IsSurrogate(c)) { sb.Append(Replacement); surrogate = true; }
            else sb.Append(c);
        }
        if (nul) notes?.Add(path, "\\u0000 replaced");
        if (surrogate) notes?.Add(path, "lone surrogate replaced");
        return sb.ToString();
    }

    private static bool IsPairAt(string s, int i) =>
        char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]);

    /// <summary>
    /// The sanitised tree of an element. <paramref name="duplicateAtTop"/>, when given, is told of a key repeated
    /// in the top object instead of keeping it as "key~2" (the API refuses a record whose own fields repeat).
    /// </summary>
    public static JsonNode? ToNode(JsonElement element, string path, Notes notes, Action<string>? duplicateAtTop = null)
    {
        if (element.ValueKind == JsonValueKind.Undefined) return null;
        var reader = new Utf8JsonReader(JsonMarshal.GetRawUtf8Value(element), new JsonReaderOptions { MaxDepth = 1024 });
        reader.Read();
        return Read(ref reader, path, 0, notes, duplicateAtTop);
    }

    /// <summary>The sanitised tree of UTF-8 JSON text (already known to be well-formed).</summary>
    public static JsonNode? ToNode(ReadOnlySpan<byte> utf8, string path, Notes notes)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 1024 });
        reader.Read();
        return Read(ref reader, path, 0, notes, null);
    }

    /// <summary>
    /// True when <see cref="ToNode(JsonElement,string,Notes,Action{string})"/> would change nothing and note nothing:
    /// no string that needs cleaning (an escaped NUL or surrogate, bytes that are not UTF-8), no number it would keep as
    /// text, nothing nested past <see cref="MaxDepth"/>, no repeated key, and at the top only numbers that are integers
    /// (the record's own numeric fields). A clean element can be read as it is, which is how nearly every record arrives;
    /// walking the tokens without building a tree is what keeps the hub's ingestion close to a bare bulk insert.
    /// </summary>
    public static bool IsClean(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object) return false;
        var utf8 = JsonMarshal.GetRawUtf8Value(element);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 1024 });
        // The keys of the objects being read, innermost last; each open object remembers where its own keys start.
        var keys = new List<(int Start, int Length)>();
        Span<int> firstKey = stackalloc int[MaxDepth + 1];
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    if (reader.CurrentDepth >= MaxDepth) return false;
                    firstKey[reader.CurrentDepth] = keys.Count;
                    break;
                case JsonTokenType.EndObject:
                    keys.RemoveRange(firstKey[reader.CurrentDepth], keys.Count - firstKey[reader.CurrentDepth]);
                    break;
                case JsonTokenType.StartArray:
                    if (reader.CurrentDepth >= MaxDepth) return false;
                    break;
                case JsonTokenType.PropertyName:
                {
                    // An escaped name could repeat another in other spelling ("a" and "\u0061"); the tree path compares them decoded.
                    if (reader.ValueIsEscaped || !CleanString(ref reader)) return false;
                    // TokenStartIndex is the opening quote; an unescaped name's bytes follow it as they are.
                    var key = ((int)reader.TokenStartIndex + 1, reader.ValueSpan.Length);
                    // A name stands one level below its object's StartObject.
                    var from = firstKey[reader.CurrentDepth - 1];
                    if (keys.Count - from > 64) return false; // a wide object: the tree path finds its repeats without a quadratic walk
                    for (var i = from; i < keys.Count; i++)
                        if (utf8.Slice(keys[i].Start, keys[i].Length).SequenceEqual(reader.ValueSpan)) return false;
                    keys.Add(key);
                    break;
                }
                case JsonTokenType.String:
                    if (!CleanString(ref reader)) return false;
                    break;
                case JsonTokenType.Number:
                    if (reader.TryGetInt64(out _)) break;
                    if (reader.CurrentDepth <= 1 || !StorableNumber(reader.ValueSpan)) return false;
                    break;
            }
        }
        return true;
    }

    // Unescaped text is as it arrived, so only bytes that are not UTF-8 need work; escaped text needs work only when an
    // escape names NUL or a surrogate (a pair is fine, but telling a pair from a lone half is the slow path's job).
    private static bool CleanString(ref Utf8JsonReader reader)
    {
        var raw = reader.ValueSpan;
        if (!reader.ValueIsEscaped) return System.Text.Unicode.Utf8.IsValid(raw);
        for (var i = 0; i < raw.Length - 1; i++)
        {
            if (raw[i] != (byte)'\\') continue;
            if (raw[i + 1] == (byte)'u')
            {
                // The reader has checked that four hex digits follow.
                var hex = raw.Slice(i + 2, 4);
                if (hex.SequenceEqual("0000"u8)) return false;
                if (hex[0] is (byte)'d' or (byte)'D' && "89abcdefABCDEF"u8.Contains(hex[1])) return false;
                i += 5;
            }
            else i++;
        }
        return System.Text.Unicode.Utf8.IsValid(raw);
    }

    // The same test as Number below, without allocating: a number it would keep as a number.
    private static bool StorableNumber(ReadOnlySpan<byte> raw)
    {
        if (raw.Length > 64 || !double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || !double.IsFinite(d)) return false;
        if (d != 0) return true;
        var e = raw.IndexOfAny((byte)'e', (byte)'E');
        var mantissa = e >= 0 ? raw[..e] : raw;
        return mantissa.IndexOfAnyInRange((byte)'1', (byte)'9') < 0;
    }

    private static JsonNode? Read(ref Utf8JsonReader reader, string path, int depth, Notes notes, Action<string>? duplicateAtTop)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
            {
                if (depth >= MaxDepth) { reader.Skip(); notes.Add(path, $"nesting deeper than {MaxDepth} levels cut"); return JsonValue.Create(CutMarker); }
                var obj = new JsonObject();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var name = Decode(ref reader, $"{path} (a key)", notes);
                    reader.Read();
                    var childPath = Child(path, name);
                    if (obj.ContainsKey(name))
                    {
                        if (depth == 0 && duplicateAtTop is not null)
                        {
                            duplicateAtTop(name);
                            reader.Skip();
                            continue;
                        }
                        var n = 2;
                        while (obj.ContainsKey($"{name}~{n}")) n++;
                        notes.Add(childPath, $"repeated key kept as {name}~{n}");
                        name = $"{name}~{n}";
                        childPath = Child(path, name);
                    }
                    obj[name] = Read(ref reader, childPath, depth + 1, notes, null);
                }
                return obj;
            }
            case JsonTokenType.StartArray:
            {
                if (depth >= MaxDepth) { reader.Skip(); notes.Add(path, $"nesting deeper than {MaxDepth} levels cut"); return JsonValue.Create(CutMarker); }
                var array = new JsonArray();
                var index = 0;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    array.Add(Read(ref reader, $"{path}[{index++}]", depth + 1, notes, null));
                return array;
            }
            case JsonTokenType.String:
                return JsonValue.Create(Decode(ref reader, path, notes));
            case JsonTokenType.Number:
                return Number(ref reader, path, notes);
            case JsonTokenType.True: return JsonValue.Create(true);
            case JsonTokenType.False: return JsonValue.Create(false);
            default: return null;
        }
    }

    private static string Child(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static JsonNode Number(ref Utf8JsonReader reader, string path, Notes notes)
    {
        if (reader.TryGetInt64(out var l)) return JsonValue.Create(l);
        var raw = Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
        // Stored as a number only when a reader can take it back as one: finite as a double and not silently zero.
        if (raw.Length <= 64 && double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)
            && (d != 0 || !Mantissa(raw).Any(c => c is >= '1' and <= '9')))
        {
            return reader.TryGetDecimal(out var m) ? JsonValue.Create(m) : JsonValue.Create(d);
        }
        notes.Add(path, "number out of range kept as text");
        return JsonValue.Create(raw.Length <= 1000 ? raw : raw[..1000] + "…");
    }

    private static string Mantissa(string raw) => raw.IndexOfAny(['e', 'E']) is var e and >= 0 ? raw[..e] : raw;

    /// <summary>A string token's text; lone surrogates and NUL replaced, decoding the escapes itself when System.Text.Json refuses.</summary>
    private static string Decode(ref Utf8JsonReader reader, string path, Notes notes)
    {
        string text;
        try
        {
            text = reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            var raw = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray();
            text = Unescape(raw);
        }
        return CleanText(text, path, notes)!;
    }

    /// <summary>JSON string escapes decoded into UTF-16 as they are, lone surrogates included (CleanText replaces them).</summary>
    private static string Unescape(byte[] raw)
    {
        var source = Encoding.UTF8.GetString(raw);
        var sb = new StringBuilder(source.Length);
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            if (c != '\\' || i + 1 >= source.Length) { sb.Append(c); continue; }
            var e = source[++i];
            switch (e)
            {
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'u' when i + 4 < source.Length && ushort.TryParse(source.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code):
                    sb.Append((char)code);
                    i += 4;
                    break;
                default: sb.Append(e); break;
            }
        }
        return sb.ToString();
    }
}
