using System.Text.Json.Nodes;

namespace Hub.Simulators.OneC;

// A recursive-descent parser that compiles $filter (and Balance's Condition) straight into closures.
public sealed class ODataFilter
{
    private static readonly HashSet<string> ComparisonOperators = ["eq", "ne", "gt", "ge", "lt", "le"];
    private readonly List<ODataToken> tokens;
    private readonly Func<string, OneCField?>? resolve;
    private int position;

    // Operands that are (or are computed from) a string field of unlimited length, which 1C refuses to compare.
    private readonly HashSet<Func<JsonObject, object?>> unlimited = [];

    private ODataFilter(string text, Func<string, OneCField?>? resolve)
    {
        tokens = ODataLexer.Tokenize(text);
        this.resolve = resolve;
    }

    /// <param name="resolve">The published fields: a name it does not know is refused before any row is read, and a
    /// comparison of an unlimited-length string is refused as 1C's query language refuses it.</param>
    public static Func<JsonObject, bool> Compile(string text, Func<string, OneCField?>? resolve = null)
    {
        var parser = new ODataFilter(text, resolve);
        var expression = parser.Or();
        if (parser.Peek.Kind != ODataTokenKind.End)
        {
            throw new ODataSyntaxException($"Лишний текст в позиции {parser.Peek.Position}: '{parser.Peek.Text}'");
        }

        return row => expression(row) is true;
    }

    // A field named without its _Key suffix (Склад) still finds the reference (Склад_Key), as 1C allows in Condition.
    public static object? Field(JsonObject row, string name)
    {
        if (row.TryGetPropertyValue(name, out var node)) return ODataValues.FromNode(node);
        if (!name.EndsWith("_Key", StringComparison.Ordinal) && row.TryGetPropertyValue(name + "_Key", out node)) return ODataValues.FromNode(node);
        throw new ODataFieldException(name);
    }

    private ODataToken Peek => tokens[position];

    private ODataToken Next() => tokens[position++];

    private bool TryKeyword(string keyword)
    {
        if (Peek.Kind != ODataTokenKind.Identifier || !Peek.Text.Equals(keyword, StringComparison.OrdinalIgnoreCase)) return false;
        position++;
        return true;
    }

    private ODataToken Expect(ODataTokenKind kind)
    {
        if (Peek.Kind != kind) throw new ODataSyntaxException($"Ожидался {kind} в позиции {Peek.Position}, найдено '{Peek.Text}'");
        return Next();
    }

    private Func<JsonObject, object?> Or()
    {
        var left = And();
        while (TryKeyword("or"))
        {
            var (l, r) = (left, And());
            left = row => l(row) is true || r(row) is true;
        }

        return left;
    }

    private Func<JsonObject, object?> And()
    {
        var left = Unary();
        while (TryKeyword("and"))
        {
            var (l, r) = (left, Unary());
            left = row => l(row) is true && r(row) is true;
        }

        return left;
    }

    private Func<JsonObject, object?> Unary()
    {
        if (TryKeyword("not"))
        {
            var operand = Unary();
            return row => operand(row) is not true;
        }

        return Comparison();
    }

    private Func<JsonObject, object?> Comparison()
    {
        var left = Primary();
        if (Peek.Kind != ODataTokenKind.Identifier || !ComparisonOperators.Contains(Peek.Text.ToLowerInvariant())) return left;
        var op = Next().Text.ToLowerInvariant();
        var right = Primary();
        if (unlimited.Contains(left) || unlimited.Contains(right))
            throw new ODataRefusedException("Нельзя сравнивать поля неограниченной длины и поля несовместимых типов");
        return op switch
        {
            "eq" => row => ODataValues.AreEqual(left(row), right(row)),
            "ne" => row => !ODataValues.AreEqual(left(row), right(row)),
            "gt" => row => ODataValues.Compare(left(row), right(row)) > 0,
            "ge" => row => ODataValues.Compare(left(row), right(row)) >= 0,
            "lt" => row => ODataValues.Compare(left(row), right(row)) < 0,
            _ => row => ODataValues.Compare(left(row), right(row)) <= 0,
        };
    }

    private Func<JsonObject, object?> Primary()
    {
        var token = Next();
        switch (token.Kind)
        {
            case ODataTokenKind.OpenParen:
            {
                var inner = Or();
                Expect(ODataTokenKind.CloseParen);
                return inner;
            }

            case ODataTokenKind.String:
            {
                var text = token.Text;
                return _ => text;
            }

            case ODataTokenKind.Number:
            {
                var number = decimal.Parse(token.Text, System.Globalization.CultureInfo.InvariantCulture);
                return _ => number;
            }

            case ODataTokenKind.Guid:
            {
                if (!Guid.TryParse(token.Text, out var guid)) throw new ODataSyntaxException($"Неверный литерал guid'{token.Text}'");
                return _ => guid;
            }

            case ODataTokenKind.DateTime:
            {
                if (!ODataValues.TryParseDate(token.Text, out var date)) throw new ODataSyntaxException($"Неверный литерал datetime'{token.Text}'");
                return _ => date;
            }

            case ODataTokenKind.Identifier when Peek.Kind == ODataTokenKind.OpenParen:
                return Function(token);

            case ODataTokenKind.Identifier:
            {
                var name = token.Text;
                switch (name.ToLowerInvariant())
                {
                    case "true": return _ => true;
                    case "false": return _ => false;
                    case "null": return _ => null;
                }

                if (resolve is not null)
                {
                    var field = resolve(name) ?? (name.EndsWith("_Key", StringComparison.Ordinal) ? null : resolve(name + "_Key"))
                        ?? throw new ODataFieldException(name);
                    Func<JsonObject, object?> known = row => Field(row, name);
                    if (field.Unlimited) unlimited.Add(known);
                    return known;
                }

                return row => Field(row, name);
            }

            default:
                throw new ODataSyntaxException($"Неожиданный '{token.Text}' в позиции {token.Position}");
        }
    }

    private Func<JsonObject, object?> Function(ODataToken name)
    {
        Expect(ODataTokenKind.OpenParen);
        var args = new List<Func<JsonObject, object?>>();
        if (Peek.Kind != ODataTokenKind.CloseParen)
        {
            args.Add(Or());
            while (Peek.Kind == ODataTokenKind.Comma)
            {
                Next();
                args.Add(Or());
            }
        }

        Expect(ODataTokenKind.CloseParen);
        var function = name.Text.ToLowerInvariant();
        int Arity(int expected) => args.Count == expected
            ? expected
            : throw new ODataSyntaxException($"Функция {name.Text} ожидает {expected} аргумент(а)");
        switch (function)
        {
            case "substringof":
                Arity(2);
                return row => Text(args[1](row)) is { } haystack && Text(args[0](row)) is { } needle &&
                              haystack.Contains(needle, StringComparison.OrdinalIgnoreCase);
            case "startswith":
                Arity(2);
                return row => Text(args[0](row)) is { } s && Text(args[1](row)) is { } p && s.StartsWith(p, StringComparison.OrdinalIgnoreCase);
            case "endswith":
                Arity(2);
                return row => Text(args[0](row)) is { } s && Text(args[1](row)) is { } p && s.EndsWith(p, StringComparison.OrdinalIgnoreCase);
            case "tolower":
            {
                Arity(1);
                Func<JsonObject, object?> lower = row => Text(args[0](row))?.ToLowerInvariant();
                if (unlimited.Contains(args[0])) unlimited.Add(lower);
                return lower;
            }

            case "toupper":
            {
                Arity(1);
                Func<JsonObject, object?> upper = row => Text(args[0](row))?.ToUpperInvariant();
                if (unlimited.Contains(args[0])) unlimited.Add(upper);
                return upper;
            }
            case "length":
                Arity(1);
                return row => Text(args[0](row)) is { } s ? (decimal)s.Length : null;
            case "cast":
                // cast(guid'…', 'Catalog_Склады') is how 1C clients type a reference; the value is what matters here.
                if (args.Count is < 1 or > 2) throw new ODataSyntaxException("Функция cast ожидает 1 или 2 аргумента");
                return args[0];
            default:
                throw new ODataSyntaxException($"Неизвестная функция '{name.Text}'");
        }
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        string s => s,
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
    };
}
