using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hub.Simulators.Http;
using Hub.Simulators.State;

namespace Hub.Simulators.MoySklad;

public sealed class CustomerOrders(SimulatorState state)
{
    private const int MaxArray = 1000;

    public async Task<SimResponse> CreateAsync(MoySkladRequest request, MoySkladJson json)
    {
        var (body, parseError) = await SimJson.ReadBodyAsync(request.Http.Request, request.Aborted);
        if (parseError is not null) return MoySkladErrors.BadJson(parseError);
        switch (body)
        {
            case JsonObject single:
            {
                var (result, error) = CreateOne(single, json);
                return error is not null ? SimResponse.Json(error.Value.Status, MoySkladErrors.Body(error.Value.Error), error.Value.Error["code"]!.GetValue<int>()) : SimResponse.Json(200, result);
            }

            case JsonArray many when many.Count == 0:
                return MoySkladErrors.Response(400, "Запрос не содержит объектов", 1027);
            case JsonArray many when many.Count > MaxArray:
                return MoySkladErrors.Response(413, $"Превышен максимальный размер запроса: не более {MaxArray} элементов в массиве", 1044);
            case JsonArray many:
            {
                // Bulk creation answers element by element; one bad order does not sink the others.
                var results = new JsonArray();
                foreach (var element in many)
                {
                    if (element is not JsonObject order)
                    {
                        results.Add(MoySkladErrors.Body(MoySkladErrors.Error("Ошибка формата: входящий JSON должен начинаться либо с объекта, либо с массива", 2005)));
                        continue;
                    }

                    var (result, error) = CreateOne(order, json);
                    results.Add(error is not null ? MoySkladErrors.Body(error.Value.Error) : result);
                }

                return SimResponse.Json(200, results);
            }

            default:
                return MoySkladErrors.Response(400, "Ошибка формата: входящий JSON должен начинаться либо с объекта, либо с массива", 2005);
        }
    }

    private (JsonObject? Order, (int Status, JsonObject Error)? Error) CreateOne(JsonObject body, MoySkladJson json)
    {
        var catalogue = state.Catalogue;
        var organization = Reference(body, "organization", ["organization"], required: true, out var error);
        if (error is not null) return (null, error);
        if (organization!.Value.Id != catalogue.MoySkladOrganization.Id) return (null, Missing("organization", organization.Value));

        var agent = Reference(body, "agent", ["counterparty", "organization"], required: true, out error);
        if (error is not null) return (null, error);
        var agentKnown = agent!.Value.Type == "counterparty"
            ? agent.Value.Id == catalogue.MoySkladCounterparty.Id
            : agent.Value.Id == catalogue.MoySkladOrganization.Id;
        if (!agentKnown) return (null, Missing("agent", agent.Value));

        var store = Reference(body, "store", ["store"], required: false, out error);
        if (error is not null) return (null, error);
        if (store is not null && catalogue.FindStore(store.Value.Id) is null) return (null, Missing("store", store.Value));

        Guid? syncId = null;
        if (body["syncId"] is { } rawSyncId)
        {
            if (rawSyncId.GetValueKind() != JsonValueKind.String || !Guid.TryParse(rawSyncId.GetValue<string>(), out var parsed))
            {
                return (null, (400, MoySkladErrors.WrongType("syncId", "UUID")));
            }

            syncId = parsed;
        }

        var externalCode = OptionalString(body, "externalCode", 255, out error);
        if (error is not null) return (null, error);
        var description = OptionalString(body, "description", 4096, out error);
        if (error is not null) return (null, error);
        var name = OptionalString(body, "name", 255, out error);
        if (error is not null) return (null, error);
        var moment = DateTimeOffset.UtcNow;
        var rawMoment = OptionalString(body, "moment", 64, out error);
        if (error is not null) return (null, error);
        if (rawMoment is not null)
        {
            if (!DateTime.TryParseExact(rawMoment, ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.fff", "yyyy-MM-dd HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            {
                return (null, (400, MoySkladErrors.WrongType("moment", "DateTime")));
            }

            moment = new DateTimeOffset(local, TimeSpan.FromHours(3));
        }

        var positions = Positions(body, out error);
        if (error is not null) return (null, error);

        var (order, _) = state.AddOrGetCustomerOrder(syncId, name, orderName => new CustomerOrderRecord(
            Guid.NewGuid(),
            orderName,
            syncId,
            externalCode ?? Guid.NewGuid().ToString("N")[..22],
            description,
            organization.Value.Id,
            agent.Value.Id,
            store?.Id,
            moment,
            positions!,
            DateTimeOffset.UtcNow,
            1));
        return (json.CustomerOrder(order), null);
    }

    private List<CustomerOrderPosition>? Positions(JsonObject body, out (int, JsonObject)? error)
    {
        error = null;
        var positions = new List<CustomerOrderPosition>();
        if (body["positions"] is null) return positions;
        if (body["positions"] is not JsonArray array)
        {
            error = (400, MoySkladErrors.WrongType("positions", "Array(Object)"));
            return null;
        }

        if (array.Count > MaxArray)
        {
            error = (413, MoySkladErrors.Error("Ошибка формата: слишком большое число элементов вложенной коллекции", 2022, "positions"));
            return null;
        }

        foreach (var element in array)
        {
            if (element is not JsonObject position)
            {
                error = (400, MoySkladErrors.WrongType("positions", "Object"));
                return null;
            }

            var assortment = Reference(position, "assortment", ["product", "variant", "service", "bundle"], required: true, out error);
            if (error is not null) return null;
            var known = assortment!.Value.Type switch
            {
                "product" => state.Catalogue.FindProduct(assortment.Value.Id) is not null,
                "variant" => state.Catalogue.FindVariant(assortment.Value.Id) is not null,
                _ => false,
            };
            if (!known)
            {
                error = Missing("assortment", assortment.Value);
                return null;
            }

            var quantity = Number(position, "quantity", required: true, out error);
            if (error is not null) return null;
            var price = Number(position, "price", required: false, out error);
            if (error is not null) return null;
            positions.Add(new CustomerOrderPosition(Guid.NewGuid(), assortment.Value.Id, quantity, price, assortment.Value.Type));
        }

        return positions;
    }

    private static decimal Number(JsonObject body, string field, bool required, out (int, JsonObject)? error)
    {
        error = null;
        var node = body[field];
        if (node is null)
        {
            if (required) error = (412, MoySkladErrors.Required(field));
            return 0;
        }

        if (node.GetValueKind() != JsonValueKind.Number)
        {
            error = (400, MoySkladErrors.WrongType(field, "Float"));
            return 0;
        }

        var value = node.GetValue<decimal>();
        if (value < 0)
        {
            error = (400, MoySkladErrors.Error($"Ошибка сохранения объекта: поле '{field}' не может иметь отрицательное значение", 3002, field));
        }

        return value;
    }

    private static string? OptionalString(JsonObject body, string field, int maxLength, out (int, JsonObject)? error)
    {
        error = null;
        var node = body[field];
        if (node is null) return null;
        if (node.GetValueKind() != JsonValueKind.String)
        {
            error = (400, MoySkladErrors.WrongType(field, $"String({maxLength})"));
            return null;
        }

        var value = node.GetValue<string>();
        if (value.Length > maxLength)
        {
            error = (400, MoySkladErrors.Error($"Ошибка сохранения объекта: значение поля '{field}' превышает максимально допустимое значение", 3008, field));
        }

        return value;
    }

    // Missing required references get 412, as the vendor's status table says ("не указан обязательный ... параметр").
    private static (string Type, Guid Id)? Reference(JsonObject body, string field, string[] types, bool required, out (int, JsonObject)? error)
    {
        error = null;
        var node = body[field];
        if (node is null)
        {
            if (required) error = (412, MoySkladErrors.Required(field));
            return null;
        }

        if (node is not JsonObject reference || reference["meta"] is not JsonObject meta)
        {
            error = (400, MoySkladErrors.Error($"Ошибка формата: отсутствует meta для поля '{field}'", 2014, field));
            return null;
        }

        if (meta["href"] is not JsonValue hrefValue || hrefValue.GetValueKind() != JsonValueKind.String)
        {
            error = (400, MoySkladErrors.Error($"Ошибка формата: отсутствует href для meta поля '{field}'", 2010, field));
            return null;
        }

        if (!MoySkladHref.TryParse(hrefValue.GetValue<string>(), out var type, out var id))
        {
            error = (400, MoySkladErrors.Error($"Ошибка формата: неправильное значение href для meta поля '{field}'", 2013, field));
            return null;
        }

        var declared = meta["type"] is JsonValue t && t.GetValueKind() == JsonValueKind.String ? t.GetValue<string>() : null;
        if (!types.Contains(type) || (declared is not null && declared != type))
        {
            error = (400, MoySkladErrors.Error($"Ошибка формата: неизвестный type для meta поля '{field}'", 2012, field));
            return null;
        }

        return (type, id);
    }

    private static (int, JsonObject) Missing(string field, (string Type, Guid Id) reference) =>
        (400, MoySkladErrors.Error($"Объект с типом '{reference.Type}' и идентификатором '{reference.Id}' не найден", 1021, field));
}
