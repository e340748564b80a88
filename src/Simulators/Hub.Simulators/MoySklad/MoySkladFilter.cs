using System.Text.Json.Nodes;

namespace Hub.Simulators.MoySklad;

// The subset of МойСклад's filter=a=1;b!=2 syntax the hub needs; other operators are refused loudly
// rather than silently ignored, so a client never believes it filtered when it did not.
public sealed class MoySkladFilter
{
    private readonly IReadOnlyList<FilterCondition> conditions;

    private MoySkladFilter(IReadOnlyList<FilterCondition> conditions) => this.conditions = conditions;

    public static MoySkladFilter Empty { get; } = new([]);

    public IReadOnlyList<FilterCondition> Conditions => conditions;

    public static string? TryParse(IEnumerable<string?> rawValues, IReadOnlySet<string> allowedFields, out MoySkladFilter filter)
    {
        filter = Empty;
        var parsed = new List<FilterCondition>();
        foreach (var raw in rawValues)
        {
            if (string.IsNullOrEmpty(raw)) continue;
            foreach (var part in raw.Split(';', StringSplitOptions.RemoveEmptyEntries))
            {
                var opStart = part.IndexOfAny(['=', '!', '<', '>', '~']);
                if (opStart <= 0) return $"условие '{part}' не содержит поля и оператора";
                var opEnd = opStart;
                while (opEnd < part.Length && "=!<>~".Contains(part[opEnd])) opEnd++;
                var field = part[..opStart].Trim();
                var op = part[opStart..opEnd];
                var value = part[opEnd..];
                if (!allowedFields.Contains(field)) return $"неизвестное поле фильтрации '{field}'";
                if (op is not ("=" or "!=")) return $"оператор '{op}' не поддерживается для поля '{field}'";
                if (value.Length == 0) return $"пустое значение поля '{field}'";
                parsed.Add(new FilterCondition(field, op == "!=", value));
            }
        }

        filter = new MoySkladFilter(parsed);
        return null;
    }

    public IEnumerable<string> Values(string field) => conditions.Where(c => c.Field == field && !c.Negated).Select(c => c.Value);

    // Several "=" on one field mean "any of them", "!=" must all hold; that is how the real API combines them.
    public bool Matches(Func<string, string?> read)
    {
        foreach (var group in conditions.GroupBy(c => c.Field))
        {
            var actual = read(group.Key);
            var positives = group.Where(c => !c.Negated).ToList();
            if (positives.Count > 0 && !positives.Any(c => Same(actual, c.Value))) return false;
            if (group.Any(c => c.Negated && Same(actual, c.Value))) return false;
        }

        return true;
    }

    public bool Matches(JsonObject row) => Matches(field => Read(row, field));

    public static string? Read(JsonObject row, string field) => row[field] switch
    {
        null => null,
        JsonValue value when value.TryGetValue<bool>(out var flag) => flag ? "true" : "false",
        JsonValue value => value.ToString(),
        JsonObject reference => reference["meta"]?["href"]?.GetValue<string>(),
        _ => null,
    };

    private static bool Same(string? actual, string expected)
    {
        if (actual is null) return false;
        if (Guid.TryParse(actual, out var left) && Guid.TryParse(expected, out var right)) return left == right;
        return string.Equals(actual, expected, StringComparison.Ordinal);
    }
}
