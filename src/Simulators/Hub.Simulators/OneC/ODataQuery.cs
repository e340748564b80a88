using System.Text.Json.Nodes;
using Hub.Simulators.Http;

namespace Hub.Simulators.OneC;

public static class ODataQuery
{
    // Applies $filter, $orderby, $skip, $top, $select in the order OData defines; returns an error response or the page.
    public static SimResponse? TryApply(IQueryCollection query, IEnumerable<JsonObject> source, out List<JsonObject> page, out int total)
    {
        page = [];
        total = 0;
        var rows = source.ToList();
        try
        {
            var filterText = query["$filter"].ToString();
            if (!string.IsNullOrWhiteSpace(filterText))
            {
                var filter = ODataFilter.Compile(filterText);
                rows = rows.Where(filter).ToList();
            }

            var orderText = query["$orderby"].ToString();
            if (!string.IsNullOrWhiteSpace(orderText)) rows = Order(rows, orderText);
        }
        catch (ODataSyntaxException e)
        {
            return ODataErrors.BadRequest($"Ошибка разбора параметра запроса: {e.Message}");
        }
        catch (ODataFieldException e)
        {
            return ODataErrors.BadRequest($"Неверный параметр запроса: поле '{e.Field}' не найдено");
        }

        total = rows.Count;
        if (!TryCount(query, "$skip", out var skip) || !TryCount(query, "$top", out var top))
        {
            return ODataErrors.BadRequest("Неверное значение $skip или $top");
        }

        IEnumerable<JsonObject> paged = rows.Skip(skip ?? 0);
        if (top is not null) paged = paged.Take(top.Value);
        var select = query["$select"].ToString();
        page = string.IsNullOrWhiteSpace(select) ? paged.ToList() : paged.Select(r => Select(r, select)).ToList();
        return null;
    }

    public static JsonObject Collection(string metadataUrl, string entitySet, IEnumerable<JsonObject> rows, int total, IQueryCollection query)
    {
        var json = new JsonObject { ["odata.metadata"] = $"{metadataUrl}#{entitySet}" };
        if (query["$inlinecount"].ToString() == "allpages") json["odata.count"] = total.ToString();
        var array = new JsonArray();
        foreach (var row in rows) array.Add(row);
        json["value"] = array;
        return json;
    }

    public static JsonObject Element(string metadataUrl, string entitySet, JsonObject row, IQueryCollection query)
    {
        var select = query["$select"].ToString();
        var result = new JsonObject { ["odata.metadata"] = $"{metadataUrl}#{entitySet}/@Element" };
        var source = string.IsNullOrWhiteSpace(select) ? row : Select(row, select);
        foreach (var (key, value) in source) result[key] = value?.DeepClone();
        return result;
    }

    private static bool TryCount(IQueryCollection query, string name, out int? value)
    {
        value = null;
        var raw = query[name].ToString();
        if (string.IsNullOrEmpty(raw)) return true;
        if (!int.TryParse(raw, out var parsed) || parsed < 0) return false;
        value = parsed;
        return true;
    }

    private static JsonObject Select(JsonObject row, string select)
    {
        var result = new JsonObject();
        foreach (var name in select.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (name == "*") return (JsonObject)row.DeepClone();
            if (row.TryGetPropertyValue(name, out var value)) result[name] = value?.DeepClone();
        }

        return result;
    }

    private static List<JsonObject> Order(List<JsonObject> rows, string orderBy)
    {
        IOrderedEnumerable<JsonObject>? ordered = null;
        foreach (var clause in orderBy.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = clause.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var field = parts[0];
            var descending = parts.Length > 1 && parts[1].Equals("desc", StringComparison.OrdinalIgnoreCase);
            Func<JsonObject, object?> key = row => ODataFilter.Field(row, field);
            ordered = ordered is null
                ? descending ? rows.OrderByDescending(key, ODataValueComparer.Instance) : rows.OrderBy(key, ODataValueComparer.Instance)
                : descending ? ordered.ThenByDescending(key, ODataValueComparer.Instance) : ordered.ThenBy(key, ODataValueComparer.Instance);
        }

        return ordered?.ToList() ?? rows;
    }
}
