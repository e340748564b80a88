using System.Text.Json.Nodes;
using Hub.Simulators.Http;

namespace Hub.Simulators.OneC;

public static class ODataQuery
{
    /// <summary>
    /// Applies $filter, $orderby, $skip, $top, $select in the order OData defines; returns an error response or the page.
    /// With the entity's published fields, a name the base lacks is refused in any of them, as a real base refuses it.
    /// </summary>
    /// <param name="prepared">
    /// Where the filtered and ordered rows of an unchanging source are kept between requests: a client paging through
    /// 100,000 items asks the same $filter and $orderby a hundred times, and only $skip differs.
    /// </param>
    public static SimResponse? TryApply(IQueryCollection query, IEnumerable<JsonObject> source, out List<JsonObject> page, out int total, OneCEntity? entity = null,
        PreparedRows? prepared = null)
    {
        page = [];
        total = 0;
        var key = $"{query["$filter"]}\n{query["$orderby"]}";
        var kept = prepared?.Find(key);
        var rows = kept ?? source as List<JsonObject> ?? source.ToList();
        try
        {
            if (kept is null)
            {
                var filterText = query["$filter"].ToString();
                if (!string.IsNullOrWhiteSpace(filterText))
                {
                    var filter = ODataFilter.Compile(filterText, entity is null ? null : entity.Field);
                    rows = rows.Where(filter).ToList();
                }

                var orderText = query["$orderby"].ToString();
                if (!string.IsNullOrWhiteSpace(orderText)) rows = Order(rows, orderText, entity);
                prepared?.Keep(key, rows);
            }

            if (entity is not null && CheckSelect(query["$select"].ToString(), entity) is { } unknown) throw new ODataFieldException(unknown);
        }
        catch (ODataSyntaxException e)
        {
            return ODataErrors.BadRequest($"Ошибка разбора параметра запроса: {e.Message}");
        }
        catch (ODataFieldException e)
        {
            return ODataErrors.BadRequest($"Неверный параметр запроса: поле '{e.Field}' не найдено");
        }
        catch (ODataRefusedException e)
        {
            return ODataErrors.Internal(500, $"Ошибка выполнения запроса: {e.Message}");
        }

        total = rows.Count;
        if (!TryCount(query, "$skip", out var skip) || !TryCount(query, "$top", out var top))
        {
            return ODataErrors.BadRequest("Неверное значение $skip или $top");
        }

        IEnumerable<JsonObject> paged = rows.Skip(skip ?? 0);
        if (top is not null) paged = paged.Take(top.Value);
        var select = query["$select"].ToString();
        // Rows may come from a cache shared by requests: the page gets copies, never the cached nodes themselves.
        page = string.IsNullOrWhiteSpace(select) ? paged.Select(r => (JsonObject)r.DeepClone()).ToList() : paged.Select(r => Select(r, select)).ToList();
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

    /// <summary>The first $select name that is neither a field nor a tabular section of the entity, or null.</summary>
    public static string? CheckSelect(string select, OneCEntity entity) =>
        select.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault(n => n != "*" && !entity.HasField(n));

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

    private static List<JsonObject> Order(List<JsonObject> rows, string orderBy, OneCEntity? entity)
    {
        IOrderedEnumerable<JsonObject>? ordered = null;
        foreach (var clause in orderBy.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = clause.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var field = parts[0];
            if (entity is not null)
            {
                var known = entity.Field(field) ?? throw new ODataFieldException(field);
                if (known.Unlimited) throw new ODataRefusedException("Нельзя упорядочивать по полю неограниченной длины");
            }

            var descending = parts.Length > 1 && parts[1].Equals("desc", StringComparison.OrdinalIgnoreCase);
            Func<JsonObject, object?> key = row => ODataFilter.Field(row, field);
            ordered = ordered is null
                ? descending ? rows.OrderByDescending(key, ODataValueComparer.Instance) : rows.OrderBy(key, ODataValueComparer.Instance)
                : descending ? ordered.ThenByDescending(key, ODataValueComparer.Instance) : ordered.ThenBy(key, ODataValueComparer.Instance);
        }

        return ordered?.ToList() ?? rows;
    }
}
