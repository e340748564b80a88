using System.Text;
using System.Text.Json.Nodes;
using Hub.Simulators.Http;

namespace Hub.Simulators.MoySklad;

public static class MoySkladPaging
{
    public const int MaxLimit = 1000;

    public static SimResponse? TryRead(MoySkladRequest request, out int limit, out int offset)
    {
        limit = MaxLimit;
        offset = 0;
        var rawLimit = request.Query("limit");
        if (rawLimit is not null && (!int.TryParse(rawLimit, out limit) || limit < 1 || limit > MaxLimit))
        {
            return MoySkladErrors.BadParameter("limit", $"значение параметра 'limit' должно быть от 1 до {MaxLimit}");
        }

        var rawOffset = request.Query("offset");
        if (rawOffset is not null && (!int.TryParse(rawOffset, out offset) || offset < 0))
        {
            return MoySkladErrors.BadParameter("offset", "значение параметра 'offset' должно быть неотрицательным");
        }

        return null;
    }

    public static JsonObject Page(MoySkladRequest request, MoySkladJson json, string type, IReadOnlyList<JsonObject> all, int limit, int offset)
    {
        var meta = new JsonObject
        {
            ["href"] = PageHref(request, limit, offset),
            ["type"] = type,
            ["mediaType"] = "application/json",
            ["size"] = all.Count,
            ["limit"] = limit,
            ["offset"] = offset,
        };
        if (offset + limit < all.Count) meta["nextHref"] = PageHref(request, limit, offset + limit);
        if (offset > 0) meta["previousHref"] = PageHref(request, limit, Math.Max(0, offset - limit));
        var rows = new JsonArray();
        foreach (var row in all.Skip(offset).Take(limit)) rows.Add(row);
        return new JsonObject { ["context"] = json.Context(), ["meta"] = meta, ["rows"] = rows };
    }

    // Other parameters (filter above all) are carried over so following nextHref keeps the same selection.
    private static string PageHref(MoySkladRequest request, int limit, int offset)
    {
        var query = new StringBuilder();
        foreach (var (key, values) in request.Http.Request.Query)
        {
            if (key is "limit" or "offset") continue;
            foreach (var value in values)
            {
                query.Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value ?? "")).Append('&');
            }
        }

        query.Append("limit=").Append(limit).Append("&offset=").Append(offset);
        return $"{request.BaseUrl}{request.PathText}?{query}";
    }
}
