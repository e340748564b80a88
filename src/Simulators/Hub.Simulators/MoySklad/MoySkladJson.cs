using System.Globalization;
using System.Text.Json.Nodes;
using Hub.Simulators.Catalogue;
using Hub.Simulators.State;

namespace Hub.Simulators.MoySklad;

public sealed class MoySkladJson(SimCatalogue catalogue, string baseUrl)
{
    // The catalogue never changes, so one fixed "updated" stamp is honest; format is МойСклад's Moscow-time text.
    private const string CatalogueUpdated = "2026-01-15 10:00:00.000";

    public static string Moment(DateTimeOffset value) =>
        value.ToOffset(TimeSpan.FromHours(3)).ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);

    public JsonObject Meta(string type, Guid id, string? uuidHref = null)
    {
        var meta = new JsonObject
        {
            ["href"] = $"{baseUrl}/entity/{type}/{id}",
            ["metadataHref"] = $"{baseUrl}/entity/{type}/metadata",
            ["type"] = type,
            ["mediaType"] = "application/json",
        };
        if (uuidHref is not null) meta["uuidHref"] = uuidHref;
        return meta;
    }

    public JsonObject Reference(string type, Guid id) => new() { ["meta"] = Meta(type, id) };

    public JsonObject Context() => new()
    {
        ["employee"] = new JsonObject
        {
            ["meta"] = new JsonObject
            {
                ["href"] = $"{baseUrl}/context/employee",
                ["metadataHref"] = $"{baseUrl}/entity/employee/metadata",
                ["type"] = "employee",
                ["mediaType"] = "application/json",
            },
        },
    };

    public JsonObject Store(Warehouse warehouse) => new()
    {
        ["meta"] = Meta("store", warehouse.StoreId, $"https://online.moysklad.ru/app/#warehouse/edit?id={warehouse.StoreId}"),
        ["id"] = warehouse.StoreId.ToString(),
        ["accountId"] = catalogue.AccountId.ToString(),
        ["shared"] = true,
        ["updated"] = CatalogueUpdated,
        ["name"] = warehouse.Name,
        ["code"] = warehouse.StoreCode,
        ["externalCode"] = warehouse.RefKey.ToString(),
        ["archived"] = false,
        ["address"] = warehouse.Address,
        ["pathName"] = "",
    };

    /// <summary>A variant (модификация) of an item's product: what a 1C characteristic is in МойСклад; its externalCode is the characteristic's Ref_Key.</summary>
    public JsonObject Variant(Characteristic characteristic)
    {
        var item = catalogue.FindItem(characteristic.ItemKey)!;
        return new JsonObject
        {
            ["meta"] = Meta("variant", characteristic.VariantId),
            ["id"] = characteristic.VariantId.ToString(),
            ["accountId"] = catalogue.AccountId.ToString(),
            ["updated"] = CatalogueUpdated,
            ["name"] = $"{item.Name} ({characteristic.Name})",
            ["code"] = $"{item.Code}-{characteristic.Name}",
            ["externalCode"] = characteristic.RefKey.ToString(),
            ["archived"] = false,
            ["characteristics"] = new JsonArray(new JsonObject { ["name"] = "Характеристика", ["value"] = characteristic.Name }),
            ["product"] = new JsonObject { ["meta"] = Meta("product", item.ProductId) },
        };
    }

    public JsonObject Product(CatalogueItem item) => new()
    {
        ["meta"] = Meta("product", item.ProductId, $"https://online.moysklad.ru/app/#good/edit?id={item.ProductId}"),
        ["id"] = item.ProductId.ToString(),
        ["accountId"] = catalogue.AccountId.ToString(),
        ["shared"] = true,
        ["updated"] = CatalogueUpdated,
        ["name"] = item.Name,
        ["code"] = item.Code,
        ["externalCode"] = item.RefKey.ToString(),
        ["archived"] = false,
        ["pathName"] = "",
        ["useParentVat"] = true,
        ["uom"] = Reference("uom", catalogue.UomIds[item.Unit]),
        ["minPrice"] = Price(0),
        ["salePrices"] = new JsonArray(new JsonObject
        {
            ["value"] = (double)item.SalePriceKopecks,
            ["currency"] = Reference("currency", catalogue.CurrencyId),
            ["priceType"] = new JsonObject
            {
                ["meta"] = new JsonObject
                {
                    ["href"] = $"{baseUrl}/context/companysettings/pricetype/{catalogue.PriceTypeId}",
                    ["type"] = "pricetype",
                    ["mediaType"] = "application/json",
                },
                ["id"] = catalogue.PriceTypeId.ToString(),
                ["name"] = "Цена продажи",
                ["externalCode"] = "cbcf493b-55bc-11d9-848a-00112f43529a",
            },
        }),
        ["buyPrice"] = Price(item.BuyPriceKopecks),
        ["article"] = item.Article,
        ["paymentItemType"] = "GOOD",
        ["discountProhibited"] = false,
        ["weight"] = 0,
        ["volume"] = 0,
        ["variantsCount"] = 0,
        ["isSerialTrackable"] = false,
        ["trackingType"] = "NOT_TRACKED",
    };

    public JsonObject LegalEntity(string type, LegalEntity entity) => new()
    {
        ["meta"] = Meta(type, entity.Id),
        ["id"] = entity.Id.ToString(),
        ["accountId"] = catalogue.AccountId.ToString(),
        ["shared"] = true,
        ["updated"] = CatalogueUpdated,
        ["name"] = entity.Name,
        ["code"] = entity.Code,
        ["externalCode"] = entity.Id.ToString("N"),
        ["archived"] = false,
        ["created"] = CatalogueUpdated,
        ["companyType"] = "legal",
        ["inn"] = entity.Inn,
    };

    public JsonObject CustomerOrder(CustomerOrderRecord order)
    {
        var sum = order.Positions.Sum(p => p.Quantity * p.Price);
        var json = new JsonObject
        {
            ["meta"] = Meta("customerorder", order.Id, $"https://online.moysklad.ru/app/#customerorder/edit?id={order.Id}"),
            ["id"] = order.Id.ToString(),
            ["accountId"] = catalogue.AccountId.ToString(),
            ["shared"] = true,
            ["updated"] = Moment(order.Created),
            ["name"] = order.Name,
            ["externalCode"] = order.ExternalCode,
            ["moment"] = Moment(order.Moment),
            ["applicable"] = true,
            ["rate"] = new JsonObject { ["currency"] = Reference("currency", catalogue.CurrencyId) },
            ["sum"] = (double)sum,
            ["organization"] = Reference("organization", order.OrganizationId),
            ["agent"] = Reference(order.AgentId == catalogue.MoySkladOrganization.Id ? "organization" : "counterparty", order.AgentId),
            ["created"] = Moment(order.Created),
            ["printed"] = false,
            ["published"] = false,
            ["vatEnabled"] = false,
            ["payedSum"] = 0.0,
            ["shippedSum"] = (double)order.Positions.Sum(p => p.Shipped * p.Price),
            ["invoicedSum"] = 0.0,
            ["reservedSum"] = 0.0,
            ["positions"] = new JsonObject
            {
                ["meta"] = new JsonObject
                {
                    ["href"] = $"{baseUrl}/entity/customerorder/{order.Id}/positions",
                    ["type"] = "customerorderposition",
                    ["mediaType"] = "application/json",
                    ["size"] = order.Positions.Count,
                    ["limit"] = 1000,
                    ["offset"] = 0,
                },
            },
        };
        if (order.SyncId is not null) json["syncId"] = order.SyncId.Value.ToString();
        if (order.Description is not null) json["description"] = order.Description;
        if (order.StoreId is not null) json["store"] = Reference("store", order.StoreId.Value);
        return json;
    }

    public JsonObject Position(CustomerOrderRecord order, CustomerOrderPosition position) => new()
    {
        ["meta"] = new JsonObject
        {
            ["href"] = $"{baseUrl}/entity/customerorder/{order.Id}/positions/{position.Id}",
            ["type"] = "customerorderposition",
            ["mediaType"] = "application/json",
        },
        ["id"] = position.Id.ToString(),
        ["accountId"] = catalogue.AccountId.ToString(),
        ["quantity"] = (double)position.Quantity,
        ["price"] = (double)position.Price,
        ["discount"] = 0,
        ["vat"] = 0,
        ["vatEnabled"] = false,
        ["assortment"] = Reference(position.AssortmentType, position.AssortmentId),
        ["shipped"] = (double)position.Shipped,
        ["reserve"] = 0,
    };

    private JsonObject Price(long kopecks) => new()
    {
        ["value"] = (double)kopecks,
        ["currency"] = Reference("currency", catalogue.CurrencyId),
    };
}
