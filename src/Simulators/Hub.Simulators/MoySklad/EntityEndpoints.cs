using System.Text.Json.Nodes;
using Hub.Simulators.Http;
using Hub.Simulators.State;

namespace Hub.Simulators.MoySklad;

public sealed class EntityEndpoints(SimulatorState state)
{
    private static readonly IReadOnlySet<string> CommonFields = new HashSet<string> { "id", "name", "code", "externalCode", "archived" };

    private static readonly Dictionary<string, IReadOnlySet<string>> FilterFields = new()
    {
        ["store"] = CommonFields,
        ["product"] = new HashSet<string>(CommonFields) { "article" },
        ["variant"] = CommonFields,
        ["counterparty"] = new HashSet<string>(CommonFields) { "inn" },
        ["organization"] = new HashSet<string>(CommonFields) { "inn" },
        ["customerorder"] = new HashSet<string> { "id", "name", "externalCode", "syncId", "description", "organization", "agent", "store" },
    };

    public static bool IsKnownType(string type) => FilterFields.ContainsKey(type);

    public SimResponse List(MoySkladRequest request, MoySkladJson json, string type)
    {
        var error = MoySkladPaging.TryRead(request, out var limit, out var offset);
        if (error is not null) return error;
        var filterError = MoySkladFilter.TryParse(request.Http.Request.Query["filter"], FilterFields[type], out var filter);
        if (filterError is not null) return MoySkladErrors.BadFilter(filterError);
        var rows = Rows(json, type).Where(filter.Matches).ToList();
        return SimResponse.Json(200, MoySkladPaging.Page(request, json, type, rows, limit, offset));
    }

    public SimResponse Single(MoySkladJson json, string type, string rawId)
    {
        if (!Guid.TryParse(rawId, out var id)) return MoySkladErrors.NotAnIdentifier();
        var row = Rows(json, type).FirstOrDefault(r => r["id"]?.GetValue<string>() == id.ToString());
        return row is null ? MoySkladErrors.NotFound(type, rawId) : SimResponse.Json(200, row);
    }

    public SimResponse Positions(MoySkladRequest request, MoySkladJson json, string rawId)
    {
        if (!Guid.TryParse(rawId, out var id)) return MoySkladErrors.NotAnIdentifier();
        var order = state.FindCustomerOrder(id);
        if (order is null) return MoySkladErrors.NotFound("customerorder", rawId);
        var error = MoySkladPaging.TryRead(request, out var limit, out var offset);
        if (error is not null) return error;
        var rows = order.Positions.Select(p => json.Position(order, p)).ToList();
        return SimResponse.Json(200, MoySkladPaging.Page(request, json, "customerorderposition", rows, limit, offset));
    }

    private IEnumerable<JsonObject> Rows(MoySkladJson json, string type)
    {
        var catalogue = state.Catalogue;
        return type switch
        {
            "store" => catalogue.Stores.Select(json.Store),
            "product" => catalogue.Items.Select(json.Product),
            "variant" => catalogue.Characteristics.Select(json.Variant),
            "organization" => [json.LegalEntity("organization", catalogue.MoySkladOrganization)],
            "counterparty" => [json.LegalEntity("counterparty", catalogue.MoySkladCounterparty)],
            "customerorder" => state.CustomerOrders.Select(json.CustomerOrder),
            _ => [],
        };
    }
}
