using System.Text;

namespace Hub.Simulators.OneC;

public static class ODataLexer
{
    public static List<ODataToken> Tokenize(string text)
    {
        var tokens = new List<ODataToken>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            switch (c)
            {
                case '(':
                    tokens.Add(new ODataToken(ODataTokenKind.OpenParen, "(", i++));
                    continue;
                case ')':
                    tokens.Add(new ODataToken(ODataTokenKind.CloseParen, ")", i++));
                    continue;
                case ',':
                    tokens.Add(new ODataToken(ODataTokenKind.Comma, ",", i++));
                    continue;
                case '\'':
                {
                    var start = i;
                    tokens.Add(new ODataToken(ODataTokenKind.String, ReadQuoted(text, ref i), start));
                    continue;
                }
            }

            if (char.IsDigit(c) || (c == '-' && i + 1 < text.Length && char.IsDigit(text[i + 1])))
            {
                var start = i++;
                while (i < text.Length && (char.IsDigit(text[i]) || text[i] == '.')) i++;
                var number = text[start..i];
                // OData v3 type suffixes (10M, 1.5d, 7L) carry no meaning for the simulator.
                if (i < text.Length && "MmDdFfLl".Contains(text[i])) i++;
                tokens.Add(new ODataToken(ODataTokenKind.Number, number, start));
                continue;
            }

            if (char.IsLetter(c) || c == '_' || c == '$')
            {
                var start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '/' or '.' or '$')) i++;
                var word = text[start..i];
                if (i < text.Length && text[i] == '\'')
                {
                    var kind = word.ToLowerInvariant() switch
                    {
                        "guid" => ODataTokenKind.Guid,
                        "datetime" or "datetimeoffset" => ODataTokenKind.DateTime,
                        _ => throw new ODataSyntaxException($"Неизвестный тип литерала '{word}' в позиции {start}"),
                    };
                    tokens.Add(new ODataToken(kind, ReadQuoted(text, ref i), start));
                    continue;
                }

                tokens.Add(new ODataToken(ODataTokenKind.Identifier, word, start));
                continue;
            }

            throw new ODataSyntaxException($"Неожиданный символ '{c}' в позиции {i}");
        }

        tokens.Add(new ODataToken(ODataTokenKind.End, "", text.Length));
        return tokens;
    }

    // A quote inside an OData literal is written twice; one lone quote ends the literal.
    private static string ReadQuoted(string text, ref int i)
    {
        var start = i;
        i++;
        var value = new StringBuilder();
        while (i < text.Length)
        {
            if (text[i] == '\'')
            {
                if (i + 1 < text.Length && text[i + 1] == '\'')
                {
                    value.Append('\'');
                    i += 2;
                    continue;
                }

                i++;
                return value.ToString();
            }

            value.Append(text[i++]);
        }

        throw new ODataSyntaxException($"Незакрытая строка, начатая в позиции {start}");
    }
}
