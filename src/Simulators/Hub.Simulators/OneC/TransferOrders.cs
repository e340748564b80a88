using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hub.Simulators.Faults;
using Hub.Simulators.Http;
using Hub.Simulators.State;

namespace Hub.Simulators.OneC;

// Document_ЗаказНаПеремещение: written unposted by one request, posted by another, like the real base.
public sealed class TransferOrders(SimulatorState state)
{
    public IEnumerable<JsonObject> Rows() => state.TransferOrders.Select(OneCJson.TransferOrder);

    public JsonObject? Find(Guid key) => state.FindTransferOrder(key) is { } document ? OneCJson.TransferOrder(document) : null;

    public async Task<(SimResponse? Error, TransferOrderDocument? Document)> CreateAsync(HttpRequest request, CancellationToken ct)
    {
        var (node, parseError) = await SimJson.ReadBodyAsync(request, ct);
        if (parseError is not null) return (ODataErrors.BadRequest($"Ошибка разбора тела запроса: {parseError}"), null);
        if (node is not JsonObject body) return (ODataErrors.BadRequest("Тело запроса должно быть объектом JSON"), null);
        var catalogue = state.Catalogue;

        var sender = Reference(body, "СкладОтправитель_Key", required: true, out var error);
        if (error is not null) return (error, null);
        if (catalogue.FindWarehouse(sender) is null) return (Missing("СкладОтправитель_Key", sender, OneCNames.Warehouses), null);
        var recipient = Reference(body, "СкладПолучатель_Key", required: true, out error);
        if (error is not null) return (error, null);
        if (catalogue.FindWarehouse(recipient) is null) return (Missing("СкладПолучатель_Key", recipient, OneCNames.Warehouses), null);
        if (sender == recipient) return (ODataErrors.BadRequest("Склад-отправитель и склад-получатель совпадают"), null);

        var organization = Reference(body, "Организация_Key", required: false, out error);
        if (error is not null) return (error, null);
        if (organization != Guid.Empty && organization != catalogue.OneCOrganization.Id)
        {
            return (Missing("Организация_Key", organization, OneCNames.Organizations), null);
        }

        var status = Text(body, "Статус", out error) ?? "КВыполнению";
        if (error is not null) return (error, null);
        if (!OneCNames.TransferStatuses.Contains(status))
        {
            return (ODataErrors.BadRequest($"Неверное значение перечисления 'Статус': '{status}'. Допустимые: {string.Join(", ", OneCNames.TransferStatuses)}"), null);
        }

        var comment = Text(body, "Комментарий", out error) ?? "";
        if (error is not null) return (error, null);

        var date = DateTime.UtcNow.AddHours(3);
        var rawDate = Text(body, "Date", out error);
        if (error is not null) return (error, null);
        if (rawDate is not null)
        {
            if (!ODataValues.TryParseDate(rawDate, out date)) return (ODataErrors.BadRequest($"Неверное значение поля 'Date': '{rawDate}'"), null);
        }

        var lines = Lines(body, out error);
        if (error is not null) return (error, null);

        var document = state.AddTransferOrder(number => new TransferOrderDocument(
            Guid.NewGuid(),
            number,
            DateTime.SpecifyKind(date, DateTimeKind.Unspecified),
            false,
            false,
            organization,
            sender,
            recipient,
            status,
            comment,
            lines!,
            1,
            0,
            DateTimeOffset.UtcNow));
        return (null, document);
    }

    public SimResponse Post(Guid key, IQueryCollection query, FaultSettings fault)
    {
        var operational = query["PostingModeOperational"].ToString();
        if (operational.Length > 0 && !bool.TryParse(operational, out _))
        {
            return ODataErrors.BadRequest($"Неверное значение параметра PostingModeOperational: '{operational}'");
        }

        var document = state.FindTransferOrder(key);
        if (document is null) return NotFound(key);
        if (fault.FailPost)
        {
            state.UpdateTransferOrder(key, d => d with { PostAttempts = d.PostAttempts + 1 });
            return ODataErrors.Internal(500, $"Ошибка при вызове метода контекста (Записать): Не удалось провести \"Заказ на перемещение {document.Number} от {document.Date:dd.MM.yyyy H:mm:ss}\"!");
        }

        if (document.DeletionMark) return ODataErrors.BadRequest("Помеченный на удаление документ не может быть проведен");
        if (document.Lines.Count == 0)
        {
            state.UpdateTransferOrder(key, d => d with { PostAttempts = d.PostAttempts + 1 });
            return ODataErrors.BadRequest("Не заполнена табличная часть \"Товары\"");
        }

        state.UpdateTransferOrder(key, d => d with { Posted = true, DataVersion = d.DataVersion + 1, PostAttempts = d.PostAttempts + 1 });
        return SimResponse.Empty(200);
    }

    public SimResponse Unpost(Guid key)
    {
        var updated = state.UpdateTransferOrder(key, d => d with { Posted = false, DataVersion = d.DataVersion + 1 });
        return updated is null ? NotFound(key) : SimResponse.Empty(200);
    }

    public static SimResponse NotFound(Guid key) =>
        ODataErrors.NotFound($"Не найден объект {OneCNames.TransferOrders} с ключом guid'{key}'");

    private List<TransferOrderLine>? Lines(JsonObject body, out SimResponse? error)
    {
        error = null;
        var lines = new List<TransferOrderLine>();
        if (body["Товары"] is null) return lines;
        if (body["Товары"] is not JsonArray array)
        {
            error = ODataErrors.BadRequest("Поле 'Товары' должно быть массивом");
            return null;
        }

        foreach (var element in array)
        {
            if (element is not JsonObject row)
            {
                error = ODataErrors.BadRequest("Строка табличной части 'Товары' должна быть объектом");
                return null;
            }

            var item = Reference(row, "Номенклатура_Key", required: true, out error);
            if (error is not null) return null;
            if (state.Catalogue.FindItem(item) is null)
            {
                error = Missing("Номенклатура_Key", item, OneCNames.Items);
                return null;
            }

            if (row["Количество"] is not { } quantityNode || quantityNode.GetValueKind() != JsonValueKind.Number || quantityNode.GetValue<decimal>() <= 0)
            {
                error = ODataErrors.BadRequest($"Строка {lines.Count + 1}: поле 'Количество' должно быть положительным числом");
                return null;
            }

            var lineNumber = lines.Count + 1;
            if (row["LineNumber"] is { } lineNode)
            {
                var text = lineNode.GetValueKind() == JsonValueKind.String ? lineNode.GetValue<string>() : lineNode.ToJsonString();
                if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out lineNumber) || lineNumber < 1)
                {
                    error = ODataErrors.BadRequest($"Неверное значение LineNumber: '{text}'");
                    return null;
                }
            }

            lines.Add(new TransferOrderLine(lineNumber, item, quantityNode.GetValue<decimal>()));
        }

        return lines;
    }

    private static Guid Reference(JsonObject body, string field, bool required, out SimResponse? error)
    {
        error = null;
        var node = body[field];
        if (node is null || (node.GetValueKind() == JsonValueKind.String && Guid.TryParse(node.GetValue<string>(), out var empty) && empty == Guid.Empty))
        {
            if (required) error = ODataErrors.BadRequest($"Не заполнено поле '{field}'");
            return Guid.Empty;
        }

        if (node.GetValueKind() != JsonValueKind.String || !Guid.TryParse(node.GetValue<string>(), out var key))
        {
            error = ODataErrors.BadRequest($"Неверное значение поля '{field}': ожидается GUID");
            return Guid.Empty;
        }

        return key;
    }

    private static string? Text(JsonObject body, string field, out SimResponse? error)
    {
        error = null;
        var node = body[field];
        if (node is null) return null;
        if (node.GetValueKind() == JsonValueKind.String) return node.GetValue<string>();
        error = ODataErrors.BadRequest($"Поле '{field}' должно быть строкой");
        return null;
    }

    private static SimResponse Missing(string field, Guid key, string entitySet) =>
        ODataErrors.BadRequest($"Ошибка проверки данных: поле '{field}' ссылается на несуществующий объект {entitySet} (guid'{key}')");
}
