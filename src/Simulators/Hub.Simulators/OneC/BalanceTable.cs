using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Hub.Simulators.Catalogue;
using Hub.Simulators.Http;

namespace Hub.Simulators.OneC;

// AccumulationRegister_ТоварыНаСкладах/Balance(Period=…, Condition=…, Dimensions=…), parameters accepted in parentheses
// or in the query string. Rows carry the dimensions asked for (all six when none are named) and both resources,
// ВНаличииBalance and КОтгрузкеBalance; a row whose resources are all zero is left out, as 1C leaves it out.
// Balances do not move with Period; they move when goods are received, and the cache follows the catalogue's version.
public sealed partial class BalanceTable(SimCatalogue catalogue)
{
    private static readonly string[] ParameterNames = ["Period", "Condition", "Dimensions"];
    private readonly Lock cacheGate = new();
    private (string Key, long Version, List<JsonObject> Rows)? cache;

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

        var dimensions = OneCSchema.StockDimensions.ToList();
        if (parameters.TryGetValue("Dimensions", out var rawDimensions) && Unquote(rawDimensions).Length > 0)
        {
            dimensions = [];
            foreach (var raw in Unquote(rawDimensions).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var name = raw.EndsWith("_Key", StringComparison.Ordinal) ? raw[..^4] : raw;
                if (!OneCSchema.StockDimensions.Contains(name)) return ODataErrors.BadRequest($"Неизвестное измерение регистра: '{raw}'");
                if (!dimensions.Contains(name)) dimensions.Add(name);
            }
        }

        var condition = parameters.TryGetValue("Condition", out var rawCondition) ? Unquote(rawCondition) : "";
        try
        {
            rows = Compute(dimensions, condition);
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

    // Paging a large register asks the same table many times: it is computed once per shape and stock version.
    private List<JsonObject> Compute(List<string> dimensions, string condition)
    {
        var key = string.Join(',', dimensions) + "|" + condition;
        var version = catalogue.StockVersion;
        lock (cacheGate)
        {
            if (cache is { } hit && hit.Key == key && hit.Version == version) return hit.Rows;
        }

        IEnumerable<JsonObject> source = catalogue.Balances.Select(b => new JsonObject
        {
            ["Номенклатура_Key"] = b.ItemKey.ToString(),
            ["Характеристика_Key"] = b.CharacteristicKey.ToString(),
            ["Назначение_Key"] = OneCJson.EmptyRef,
            ["Склад_Key"] = b.WarehouseKey.ToString(),
            ["Помещение_Key"] = OneCJson.EmptyRef,
            ["Серия_Key"] = OneCJson.EmptyRef,
            ["ВНаличии"] = b.Quantity,
            ["КОтгрузке"] = b.ToShip,
        });
        if (condition.Length > 0)
        {
            var dimensionFields = OneCSchema.StockDimensions.Select(d => new OneCField(d + "_Key", "Edm.Guid"))
                .Concat(OneCSchema.StockResources.Select(r => new OneCField(r, "Edm.Double"))).ToList();
            var filter = ODataFilter.Compile(condition, name => dimensionFields.FirstOrDefault(f => f.Name == name));
            source = source.Where(filter).ToList();
        }

        var rows = source
            .GroupBy(row => string.Join('|', dimensions.Select(d => row[d + "_Key"]!.GetValue<string>())))
            .Select(group => Row(dimensions, group.First(), group.Sum(r => r["ВНаличии"]!.GetValue<decimal>()), group.Sum(r => r["КОтгрузке"]!.GetValue<decimal>())))
            .Where(row => row[OneCNames.BalanceField]!.GetValue<decimal>() != 0 || row[OneCNames.ToShipField]!.GetValue<decimal>() != 0)
            .ToList();
        lock (cacheGate) cache = (key, version, rows);
        return rows;
    }

    // Accepts both 'a ''quoted'' text' (the OData rule) and a literal left unescaped inside the outer quotes.
    private static string Unquote(string value)
    {
        var text = value.Trim();
        if (text.Length >= 2 && text[0] == '\'' && text[^1] == '\'') return text[1..^1].Replace("''", "'");
        return text;
    }

    private static JsonObject Row(List<string> dimensions, JsonObject sample, decimal onHand, decimal toShip)
    {
        var row = new JsonObject();
        foreach (var dimension in dimensions) row[dimension + "_Key"] = sample[dimension + "_Key"]!.GetValue<string>();
        row[OneCNames.BalanceField] = SimJson.Plain(onHand);
        row[OneCNames.ToShipField] = SimJson.Plain(toShip);
        return row;
    }

    [GeneratedRegex(@",\s*(?=(?:Period|Condition|Dimensions)\s*=)", RegexOptions.IgnoreCase)]
    private static partial Regex ParameterBoundary();
}
