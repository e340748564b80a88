using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Hub.Simulators.Catalogue;
using Hub.Simulators.Http;

namespace Hub.Simulators.OneC;

/// <summary>A balance register as the Balance virtual table serves it: its dimensions, its resources, and its rows (one per movement balance).</summary>
public sealed record BalanceRegister(string Name, IReadOnlyList<string> Dimensions, IReadOnlyList<string> Resources, Func<IEnumerable<JsonObject>> Rows);

// <Register>/Balance(Period=…, Condition=…, Dimensions=…), parameters accepted in parentheses or in the query string.
// Rows carry the dimensions asked for (all when none are named) and every resource suffixed with Balance; a row whose
// resources are all zero is left out, as 1C leaves it out. Balances do not move with Period; they move when goods are
// posted and received, and the cache follows the catalogue's stock version.
public sealed partial class BalanceTable(SimCatalogue catalogue, BalanceRegister register)
{
    /// <summary>AccumulationRegister_ТоварыНаСкладах: on hand and promised, by item, characteristic and warehouse (and the dimensions the hub does not use).</summary>
    public static BalanceRegister Stock(SimCatalogue catalogue) => new(OneCNames.StockRegister, OneCSchema.StockDimensions, OneCSchema.StockResources,
        () => catalogue.Balances.Select(b => new JsonObject
        {
            ["Номенклатура_Key"] = b.ItemKey.ToString(),
            ["Характеристика_Key"] = b.CharacteristicKey.ToString(),
            ["Назначение_Key"] = OneCJson.EmptyRef,
            ["Склад_Key"] = b.WarehouseKey.ToString(),
            ["Помещение_Key"] = OneCJson.EmptyRef,
            ["Серия_Key"] = OneCJson.EmptyRef,
            ["ВНаличии"] = b.Quantity,
            ["КОтгрузке"] = b.ToShip,
        }));

    /// <summary>
    /// AccumulationRegister_ТоварыКПоступлению: what a warehouse is still to receive, by item, characteristic, warehouse
    /// and the order (Распоряжение) it was ordered by (inferred from the transfer order's movements; see ut11-reference.md).
    /// </summary>
    public static BalanceRegister Incoming(SimCatalogue catalogue) => new(OneCNames.IncomingRegister, OneCSchema.IncomingDimensions, OneCSchema.IncomingResources,
        () => catalogue.Incoming.Select(r => new JsonObject
        {
            ["Номенклатура_Key"] = r.ItemKey.ToString(),
            ["Характеристика_Key"] = r.CharacteristicKey.ToString(),
            ["Склад_Key"] = r.RecipientKey.ToString(),
            ["Распоряжение_Key"] = r.OrderKey.ToString(),
            ["КПоступлению"] = r.Quantity,
        }));

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

        var dimensions = register.Dimensions.ToList();
        if (parameters.TryGetValue("Dimensions", out var rawDimensions) && Unquote(rawDimensions).Length > 0)
        {
            dimensions = [];
            foreach (var raw in Unquote(rawDimensions).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var name = raw.EndsWith("_Key", StringComparison.Ordinal) ? raw[..^4] : raw;
                if (!register.Dimensions.Contains(name)) return ODataErrors.BadRequest($"Неизвестное измерение регистра: '{raw}'");
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

        IEnumerable<JsonObject> source = register.Rows();
        if (condition.Length > 0)
        {
            var dimensionFields = register.Dimensions.Select(d => new OneCField(d + "_Key", "Edm.Guid"))
                .Concat(register.Resources.Select(r => new OneCField(r, "Edm.Double"))).ToList();
            var filter = ODataFilter.Compile(condition, name => dimensionFields.FirstOrDefault(f => f.Name == name));
            source = source.Where(filter).ToList();
        }

        var rows = source
            .GroupBy(row => string.Join('|', dimensions.Select(d => row[d + "_Key"]!.GetValue<string>())))
            .Select(group => Row(dimensions, group.First(), register.Resources.Select(r => group.Sum(row => row[r]!.GetValue<decimal>())).ToArray()))
            .Where(row => register.Resources.Any(r => row[r + "Balance"]!.GetValue<decimal>() != 0))
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

    private JsonObject Row(List<string> dimensions, JsonObject sample, decimal[] resources)
    {
        var row = new JsonObject();
        foreach (var dimension in dimensions) row[dimension + "_Key"] = sample[dimension + "_Key"]!.GetValue<string>();
        for (var i = 0; i < resources.Length; i++) row[register.Resources[i] + "Balance"] = SimJson.Plain(resources[i]);
        return row;
    }

    [GeneratedRegex(@",\s*(?=(?:Period|Condition|Dimensions)\s*=)", RegexOptions.IgnoreCase)]
    private static partial Regex ParameterBoundary();
}
