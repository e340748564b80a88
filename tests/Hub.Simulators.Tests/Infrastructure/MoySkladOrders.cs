using System.Text.Json.Nodes;

namespace Hub.Simulators.Tests.Infrastructure;

// Builds customer-order bodies from references read over the API, as the hub itself must.
public static class MoySkladOrders
{
    public static async Task<(string Organization, string Agent, List<string> Products)> ReferencesAsync(HttpClient client)
    {
        var organization = (await (await client.GetAsync("entity/organization")).JsonAsync())["rows"]![0]!["meta"]!["href"].Str();
        var agent = (await (await client.GetAsync("entity/counterparty")).JsonAsync())["rows"]![0]!["meta"]!["href"].Str();
        var products = (await (await client.GetAsync("entity/product?limit=5")).JsonAsync())["rows"]!.AsArray()
            .Select(r => r!["meta"]!["href"].Str()).ToList();
        return (organization, agent, products);
    }

    public static JsonObject Order(string organization, string agent, string product, string? syncId = null, string? externalCode = null)
    {
        var order = new JsonObject
        {
            ["organization"] = Meta(organization, "organization"),
            ["agent"] = Meta(agent, "counterparty"),
            ["positions"] = new JsonArray(new JsonObject
            {
                ["assortment"] = Meta(product, "product"),
                ["quantity"] = 3,
                ["price"] = 12500.0,
            }),
        };
        if (syncId is not null) order["syncId"] = syncId;
        if (externalCode is not null) order["externalCode"] = externalCode;
        return order;
    }

    public static JsonObject Meta(string href, string type) => new()
    {
        ["meta"] = new JsonObject { ["href"] = href, ["type"] = type, ["mediaType"] = "application/json" },
    };
}
