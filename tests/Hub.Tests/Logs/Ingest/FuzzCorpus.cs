using System.Text;
using System.Text.Json;

namespace Hub.Tests.Logs.Ingest;

/// <summary>Generates hostile log bodies; every item carries its batch's marker as process name so a test can count what was stored.</summary>
public static class FuzzCorpus
{
    private static readonly string[] Strings =
    [
        "plain", "\\u0000", "a\\u0000b", "\\ud800", "\\udc00x", "\\ud83d\\ude00", "😀", "Остаток «Бестужевых»", "\\\\", "\\\"", "\\t\\n\\r",
        "\\u0001\\u001f", "\\uFFFF", "\\uFEFF", "<script>alert(1)</script>", "'; drop table x; --", "%s%n", "\\ud83d", "\u202e\\u0000"
    ];

    private static readonly string[] Numbers =
        ["0", "-0", "1", "-1", "1.5", "9223372036854775807", "9223372036854775808", "-9223372036854775809", "1e1000000", "-1e1000000",
         "1e-1000000", "1e308", "1e309", "123456789012345678901234567890", "0.000000000000000000000000000001", "2147483648"];

    public static (byte[] Body, int Items) JsonBatch(Random random, string marker)
    {
        var kind = random.Next(12);
        var count = random.Next(1, 40);
        var sb = new StringBuilder("[");
        for (var i = 0; i < count; i++)
        {
            if (i > 0) sb.Append(',');
            // Half of the batches break only what can be made storable, so most of them are accepted and read back.
            sb.Append(Record(random, marker, storable: kind >= 6));
        }
        sb.Append(']');
        var text = sb.ToString();
        switch (kind)
        {
            case 0: return (Encoding.UTF8.GetBytes(text[..random.Next(1, text.Length)]), count); // cut off
            case 1:
            {
                var bytes = Encoding.UTF8.GetBytes(text).ToList();
                bytes.InsertRange(random.Next(1, bytes.Count - 1), new byte[] { 0xC3, 0x28, 0xFF }); // invalid UTF-8
                return (bytes.ToArray(), count);
            }
            case 2: return (Encoding.UTF8.GetBytes(text.Replace("[{", "[{\"process_name\":\"dup\",")), count); // a repeated field
            case 3: return (Encoding.UTF8.GetBytes($"{{\"logs\":{text}}}"), count);
            case 4: return (Encoding.UTF8.GetBytes(random.Next(3) switch { 0 => "", 1 => "null", _ => "[1,\"x\",null]" }), count);
            default: return (Encoding.UTF8.GetBytes(text), count);
        }
    }

    private static string Record(Random random, string marker, bool storable)
    {
        var fields = new List<string> { $"\"process_name\":\"{marker}\"" };
        string Str() => Strings[random.Next(Strings.Length)];
        if (random.Next(2) == 0) fields.Add($"\"message\":\"{Str()} {Str()}\"");
        if (storable)
        {
            if (random.Next(3) == 0) fields.Add($"\"elapsed_ms\":{random.Next(0, 5000)}");
            if (random.Next(2) == 0) fields.Add($"\"details\":{Value(random, random.Next(3) == 0 ? random.Next(20, 80) : 3)}");
            if (random.Next(3) == 0) fields.Add($"\"payload\":{Value(random, 4)}");
            return "{" + string.Join(",", fields) + "}";
        }
        if (random.Next(4) == 0) fields.Add($"\"message\":\"{new string('я', random.Next(1000, 40_000))}\"");
        if (random.Next(3) == 0) fields.Add($"\"elapsed_ms\":{(random.Next(3) == 0 ? Numbers[random.Next(Numbers.Length)] : random.Next(0, 5000).ToString())}");
        if (random.Next(5) == 0) fields.Add($"\"retry_count\":{(random.Next(3) == 0 ? Numbers[random.Next(Numbers.Length)] : "1")}");
        if (random.Next(5) == 0) fields.Add($"\"ts\":{random.Next(5) switch { 0 => "\"0001-01-01T00:00:00Z\"", 1 => "\"garbage\"", 2 => "12345", 3 => "\"9999-12-31T00:00:00Z\"", _ => $"\"{DateTimeOffset.UtcNow.AddMinutes(-random.Next(1000)):O}\"" }}");
        if (random.Next(6) == 0) fields.Add($"\"log_level\":\"{(random.Next(2) == 0 ? "warn" : Str())}\"");
        if (random.Next(6) == 0) fields.Add($"\"run_id\":\"{(random.Next(2) == 0 ? Guid.NewGuid().ToString() : Str())}\"");
        if (random.Next(8) == 0) fields.Add($"\"message\":{(random.Next(2) == 0 ? "{}" : "[1]")}");
        if (random.Next(2) == 0) fields.Add($"\"details\":{Value(random, random.Next(3) == 0 ? random.Next(20, 80) : 3)}");
        if (random.Next(3) == 0) fields.Add($"\"payload\":{Value(random, 4)}");
        if (random.Next(4) == 0) fields.Add($"\"request_payload\":{Value(random, 2)}");
        // The first field stays the marker; the rest in any order.
        var rest = fields.Skip(1).OrderBy(_ => random.Next()).ToList();
        return "{" + string.Join(",", new[] { fields[0] }.Concat(rest)) + "}";
    }

    public static string Value(Random random, int depth)
    {
        string Str() => Strings[random.Next(Strings.Length)];
        if (depth <= 0) return random.Next(3) switch { 0 => $"\"{Str()}\"", 1 => Numbers[random.Next(Numbers.Length)], _ => "true" };
        // Branching only near the leaves: a deep value is a chain, or the corpus would grow exponentially with depth.
        var width = depth > 4 ? 1 : 3;
        if (random.Next(2) == 0) return "[" + string.Join(",", Enumerable.Range(0, random.Next(1, width)).Select(_ => Value(random, depth - 1))) + "]";
        var keys = Enumerable.Range(0, random.Next(1, width + 1)).Select(_ => random.Next(4) == 0 ? Str() : "k" + random.Next(3)).ToList();
        return "{" + string.Join(",", keys.Select(k => $"\"{k}\":{Value(random, depth - 1)}")) + "}";
    }

    /// <summary>CLEF lines (or the {"Events"} format); every readable event carries the marker as its Process.</summary>
    public static (byte[] Body, int Lines) ClefBatch(Random random, string marker)
    {
        var count = random.Next(1, 30);
        string Str() => Strings[random.Next(Strings.Length)];
        if (random.Next(5) == 0)
        {
            var events = Enumerable.Range(0, count).Select(_ =>
                $"{{\"Timestamp\":\"{DateTimeOffset.UtcNow:O}\",\"Level\":\"{(random.Next(2) == 0 ? "Information" : Str())}\",\"MessageTemplate\":\"{Str()} {{A}} {{B:l}}\",\"Properties\":{{\"Process\":\"{marker}\",\"A\":{Value(random, random.Next(0, 40))},\"B\":\"{Str()}\"}}}}");
            return (Encoding.UTF8.GetBytes("{\"Events\":[" + string.Join(",", events) + "]}"), count);
        }
        var lines = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var line = random.Next(10) switch
            {
                0 => "{\"@t\":\"2026-11-23T10:00:00Z\",\"@m\":", // cut off
                1 => $"{{\"@m\":\"no time\",\"Process\":\"{marker}\"}}",
                2 => $"{{\"@t\":\"{(random.Next(2) == 0 ? "0001-01-01T00:00:00Z" : "not a time")}\",\"Process\":\"{marker}\"}}",
                3 => "[1,2]",
                _ => $"{{\"@t\":\"{DateTimeOffset.UtcNow.AddSeconds(-random.Next(100)):O}\",\"@mt\":\"{Str()} {{X}} {{Y:0.00}} {{Z.W}} {{X:l}}\",\"@r\":[\"{Str()}\"],\"@l\":\"{(random.Next(3) == 0 ? Str() : "Warning")}\",\"@x\":\"{Str()}\",\"Process\":\"{marker}\",\"X\":{Value(random, random.Next(0, 40))},\"Y\":{Numbers[random.Next(Numbers.Length)]},\"Z.W\":\"{Str()}\",\"ElapsedMs\":{Numbers[random.Next(Numbers.Length)]},\"RunId\":\"{Str()}\",\"run_id\":\"{Guid.NewGuid()}\",\"exception\":\"{Str()}\",\"X\":1}}"
            };
            lines.Add(line);
        }
        return (Encoding.UTF8.GetBytes(string.Join("\n", lines)), lines.Count);
    }
}
