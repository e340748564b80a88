using System.Text.Json.Nodes;
using Hub.Simulators.Catalogue;
using Hub.Simulators.Http;

namespace Hub.Simulators.MoySklad;

// Stock in МойСклад mirrors the 1C balances: both systems describe the same shelves.
public sealed class StockReports(SimCatalogue catalogue)
{
    private static readonly IReadOnlySet<string> ReportFilterFields = new HashSet<string> { "store", "product", "stockMode" };
    private static readonly IReadOnlySet<string> CurrentFilterFields = new HashSet<string> { "assortmentId", "storeId" };
    private static readonly string[] StockTypes = ["stock", "freeStock", "quantity", "reserve", "inTransit"];

    public SimResponse ByStore(MoySkladRequest request, MoySkladJson json)
    {
        var error = Select(request, out var stores, out var items, out var mode, out var limit, out var offset);
        if (error is not null) return error;
        var rows = new List<JsonObject>();
        foreach (var item in items)
        {
            var quantities = stores.Select(s => catalogue.BalanceOf(s.RefKey, item.RefKey)).ToList();
            if (!Keep(mode, quantities.Sum(), quantities)) continue;
            var byStore = new JsonArray();
            for (var i = 0; i < stores.Count; i++)
            {
                byStore.Add(new JsonObject
                {
                    ["meta"] = json.Meta("store", stores[i].StoreId),
                    ["name"] = stores[i].Name,
                    ["stock"] = SimJson.Plain(quantities[i]),
                    ["reserve"] = 0,
                    ["inTransit"] = 0,
                });
            }

            rows.Add(new JsonObject { ["meta"] = json.Meta("product", item.ProductId), ["stockByStore"] = byStore });
        }

        return SimResponse.Json(200, MoySkladPaging.Page(request, json, "stockbystore", rows, limit, offset));
    }

    public SimResponse All(MoySkladRequest request, MoySkladJson json)
    {
        var error = Select(request, out var stores, out var items, out var mode, out var limit, out var offset);
        if (error is not null) return error;
        var rows = new List<JsonObject>();
        foreach (var item in items)
        {
            var quantities = stores.Select(s => catalogue.BalanceOf(s.RefKey, item.RefKey)).ToList();
            var stock = quantities.Sum();
            if (!Keep(mode, stock, quantities)) continue;
            rows.Add(new JsonObject
            {
                ["meta"] = json.Meta("product", item.ProductId),
                ["name"] = item.Name,
                ["code"] = item.Code,
                ["article"] = item.Article,
                ["externalCode"] = item.RefKey.ToString(),
                ["uom"] = new JsonObject { ["name"] = item.Unit },
                ["stock"] = SimJson.Plain(stock),
                ["reserve"] = 0,
                ["inTransit"] = 0,
                ["quantity"] = SimJson.Plain(stock),
                ["price"] = (double)item.BuyPriceKopecks,
                ["salePrice"] = (double)item.SalePriceKopecks,
            });
        }

        return SimResponse.Json(200, MoySkladPaging.Page(request, json, "stock", rows, limit, offset));
    }

    public SimResponse Current(MoySkladRequest request, bool byStore)
    {
        var stockType = request.Query("stockType");
        if (stockType is not null && !StockTypes.Contains(stockType))
        {
            return MoySkladErrors.BadParameter("stockType", $"допустимые значения: {string.Join(", ", StockTypes)}");
        }

        var filterError = MoySkladFilter.TryParse(request.Http.Request.Query["filter"], CurrentFilterFields, out var filter);
        if (filterError is not null) return MoySkladErrors.BadFilter(filterError);
        var assortmentIds = IdSet(filter.Values("assortmentId"));
        var storeIds = IdSet(filter.Values("storeId"));
        var zeroLines = request.Query("include") == "zeroLines";

        var stores = catalogue.Stores.Where(w => storeIds is null || storeIds.Contains(w.StoreId)).ToList();
        var result = new JsonArray();
        foreach (var item in catalogue.Items.Where(i => assortmentIds is null || assortmentIds.Contains(i.ProductId)))
        {
            if (byStore)
            {
                foreach (var store in stores)
                {
                    var stock = catalogue.BalanceOf(store.RefKey, item.RefKey);
                    if (stock == 0 && !zeroLines) continue;
                    var row = new JsonObject { ["assortmentId"] = item.ProductId.ToString(), ["storeId"] = store.StoreId.ToString() };
                    row[stockType ?? "stock"] = SimJson.Plain(StockOfType(stockType ?? "stock", stock));
                    result.Add(row);
                }

                continue;
            }

            var total = stores.Sum(s => catalogue.BalanceOf(s.RefKey, item.RefKey));
            if (total == 0 && !zeroLines) continue;
            var line = new JsonObject { ["assortmentId"] = item.ProductId.ToString() };
            if (stockType is null)
            {
                line["stock"] = SimJson.Plain(total);
                line["freeStock"] = SimJson.Plain(total);
            }
            else
            {
                line[stockType] = SimJson.Plain(StockOfType(stockType, total));
            }

            result.Add(line);
        }

        return SimResponse.Json(200, result);
    }

    // Nothing is reserved or in transit in the simulator, so every kind of stock but those two equals the balance.
    private static decimal StockOfType(string stockType, decimal stock) => stockType is "reserve" or "inTransit" ? 0 : stock;

    private SimResponse? Select(
        MoySkladRequest request,
        out List<Warehouse> stores,
        out List<CatalogueItem> items,
        out string mode,
        out int limit,
        out int offset)
    {
        stores = [];
        items = [];
        mode = "nonEmpty";
        var error = MoySkladPaging.TryRead(request, out limit, out offset);
        if (error is not null) return error;
        var filterError = MoySkladFilter.TryParse(request.Http.Request.Query["filter"], ReportFilterFields, out var filter);
        if (filterError is not null) return MoySkladErrors.BadFilter(filterError);

        var storeIds = new HashSet<Guid>();
        foreach (var href in filter.Values("store"))
        {
            if (!MoySkladHref.TryParse(href, out var type, out var id) || type != "store") return MoySkladErrors.BadFilter($"неверная ссылка на склад '{href}'");
            storeIds.Add(id);
        }

        var productIds = new HashSet<Guid>();
        foreach (var href in filter.Values("product"))
        {
            if (!MoySkladHref.TryParse(href, out var type, out var id) || type != "product") return MoySkladErrors.BadFilter($"неверная ссылка на товар '{href}'");
            productIds.Add(id);
        }

        var modes = filter.Values("stockMode").ToList();
        if (modes.Count > 0) mode = modes[0];
        if (mode is not ("all" or "nonEmpty" or "positiveOnly" or "negativeOnly" or "empty"))
        {
            return MoySkladErrors.BadFilter($"неверное значение stockMode '{mode}'");
        }

        stores = catalogue.Stores.Where(w => storeIds.Count == 0 || storeIds.Contains(w.StoreId)).ToList();
        items = catalogue.Items.Where(i => productIds.Count == 0 || productIds.Contains(i.ProductId)).ToList();
        return null;
    }

    private static bool Keep(string mode, decimal total, IReadOnlyList<decimal> perStore) => mode switch
    {
        "all" => true,
        "positiveOnly" => total > 0,
        "negativeOnly" => total < 0,
        "empty" => perStore.All(q => q == 0),
        _ => perStore.Any(q => q != 0),
    };

    private static HashSet<Guid>? IdSet(IEnumerable<string> values)
    {
        var ids = values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(v => Guid.TryParse(v, out var id) ? id : Guid.Empty)
            .ToHashSet();
        return ids.Count == 0 ? null : ids;
    }
}
