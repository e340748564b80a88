using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Hub.Simulators.Catalogue;
using Hub.Simulators.Http;

namespace Hub.Simulators.OneC;

// AccumulationRegister_ТоварыНаСкладах/Balance(Period=…, Condition=…, Dimensions=…), parameters accepted
// in parentheses or in the query string. Balances do not move with Period: the simulated shelves are static.
public sealed partial class BalanceTable(SimCatalogue catalogue)
{
    private static readonly string[] KnownDimensions = ["Номенклатура", "Склад"];
    private static readonly string[] ParameterNames = ["Period", "Condition", "Dimensions"];

    public SimResponse? TryRead(string? arguments, IQueryCollection query, out List<JsonObject> rows)
    {
        rows = [];
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (!string.IsNullOrWhiteSpace(arguments))
        {
            foreach (var part in ParameterBoundary().Split(arguments))
            {
                var equals = part.IndexOf('=');
                var name = equals < 0 ? part.Trim() : part[..equals].Trim();
                if (equals < 0 || !ParameterNames.Contains(name, StringComparer.OrdinalIgnoreCase))
                {
                    return ODataErrors.BadRequest($"Неизвестный параметр виртуальной таблицы: '{name}'");
                }

                parameters[name] = part[(equals + 1)..].Trim();
            }
        }

        foreach (var name in ParameterNames)
        {
            if (!parameters.ContainsKey(name) && query[name].Count > 0) parameters[name] = query[name].ToString().Trim();
        }

        if (parameters.TryGetValue("Period", out var period))
        {
            var text = period.StartsWith("datetime'", StringComparison.OrdinalIgnoreCase) && period.EndsWith('\'') ? period[9..^1] : Unquote(period);
            if (!ODataValues.TryParseDate(text, out _)) return ODataErrors.BadRequest($"Неверное значение параметра Period: {period}");
        }

        var dimensions = KnownDimensions.ToList();
        if (parameters.TryGetValue("Dimensions", out var rawDimensions) && Unquote(rawDimensions).Length > 0)
        {
            dimensions = [];
            foreach (var raw in Unquote(rawDimensions).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var name = raw.EndsWith("_Key", StringComparison.Ordinal) ? raw[..^4] : raw;
                if (!KnownDimensions.Contains(name)) return ODataErrors.BadRequest($"Неизвестное измерение регистра: '{raw}'");
                if (!dimensions.Contains(name)) dimensions.Add(name);
            }
        }

        var source = catalogue.Balances.Select(b => new JsonObject
        {
            ["Номенклатура_Key"] = b.ItemKey.ToString(),
            ["Склад_Key"] = b.WarehouseKey.ToString(),
            ["ВНаличии"] = b.Quantity,
        });
        try
        {
            if (parameters.TryGetValue("Condition", out var condition) && Unquote(condition).Length > 0)
            {
                var filter = ODataFilter.Compile(Unquote(condition));
                source = source.Where(filter).ToList();
            }

            rows = source
                .GroupBy(row => string.Join('|', dimensions.Select(d => row[d + "_Key"]!.GetValue<string>())))
                .Select(group => Row(dimensions, group.First(), group.Sum(r => r["ВНаличии"]!.GetValue<decimal>())))
                .Where(row => row[OneCNames.BalanceField]!.GetValue<decimal>() != 0)
                .ToList();
        }
        catch (ODataSyntaxException e)
        {
            return ODataErrors.BadRequest($"Ошибка разбора параметра Condition: {e.Message}");
        }
        catch (ODataFieldException e)
        {
            return ODataErrors.BadRequest($"Ошибка разбора параметра Condition: поле '{e.Field}' не найдено");
        }

        return null;
    }

    // Accepts both 'a ''quoted'' text' (the OData rule) and a literal left unescaped inside the outer quotes.
    private static string Unquote(string value)
    {
        var text = value.Trim();
        if (text.Length >= 2 && text[0] == '\'' && text[^1] == '\'') return text[1..^1].Replace("''", "'");
        return text;
    }

    private static JsonObject Row(List<string> dimensions, JsonObject sample, decimal balance)
    {
        var row = new JsonObject();
        foreach (var dimension in dimensions) row[dimension + "_Key"] = sample[dimension + "_Key"]!.GetValue<string>();
        row[OneCNames.BalanceField] = SimJson.Plain(balance);
        return row;
    }

    [GeneratedRegex(@",\s*(?=(?:Period|Condition|Dimensions)\s*=)", RegexOptions.IgnoreCase)]
    private static partial Regex ParameterBoundary();
}
