using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hub.Simulators.Faults;
using Hub.Simulators.Http;
using Hub.Simulators.State;

namespace Hub.Simulators.OneC;

// Document_ЗаказНаПеремещение as УТ 11.5 treats it. Writing (the create) checks the shape of the body: every field must
// be one the base publishes, of its type, an enumeration value the enumeration has, a reference to an object that
// exists. Posting is where the document's filling is checked (FillChecking = ShowError): a missing attribute or row
// field refuses the posting with 1C's own kind of text, HTTP 500, code -1, and the document stays written, unposted.
public sealed class TransferOrders(SimulatorState state, SimulatorOptions options)
{
    // The synonyms 1C names fields by in its messages.
    private static readonly Dictionary<string, string> Synonyms = new()
    {
        ["Организация_Key"] = "Организация",
        ["ОрганизацияПолучатель_Key"] = "Организация-получатель",
        ["СкладОтправитель_Key"] = "Склад-отправитель",
        ["СкладПолучатель_Key"] = "Склад-получатель",
        ["Статус"] = "Статус",
        ["ХозяйственнаяОперация"] = "Хозяйственная операция",
        ["Приоритет_Key"] = "Приоритет",
        ["СпособДоставки"] = "Способ доставки",
        ["ВариантПриемкиТоваров"] = "Вариант приемки товаров",
        ["АдресДоставки"] = "Адрес доставки",
        ["ПеревозчикПартнер_Key"] = "Перевозчик",
        ["Номенклатура_Key"] = "Номенклатура",
        ["Характеристика_Key"] = "Характеристика",
        ["Количество"] = "Количество",
        ["КоличествоУпаковок"] = "Количество упаковок",
        ["ВариантОбеспечения"] = "Действие",
        ["НачалоОтгрузки"] = "Начало отгрузки",
    };

    private static readonly string[] TypedHeader = ["Date", "Организация_Key", "СкладОтправитель_Key", "СкладПолучатель_Key", "Статус", "Комментарий"];
    private static readonly string[] ReadOnlyFields = ["Number", "Posted", "DataVersion"];
    private static readonly string[] ShippingVariants = ["Отгрузить", "ОтгрузитьОбособленно"];

    public OneCEntity Entity { get; } = OneCSchema.TransferOrders(options.OneCRelease);

    private IReadOnlyList<OneCField> RowFields => Entity.Sections["Товары"];

    public IEnumerable<JsonObject> Rows() => state.TransferOrders.Select(OneCJson.TransferOrder);

    public JsonObject? Find(Guid key) => state.FindTransferOrder(key) is { } document ? OneCJson.TransferOrder(document) : null;

    public async Task<(SimResponse? Error, TransferOrderDocument? Document)> CreateAsync(HttpRequest request, CancellationToken ct)
    {
        var (node, parseError) = await SimJson.ReadBodyAsync(request, ct);
        if (parseError is not null) return (ODataErrors.BadRequest($"Ошибка разбора тела запроса: {parseError}"), null);
        if (node is not JsonObject body) return (ODataErrors.BadRequest("Тело запроса должно быть объектом JSON"), null);

        var error = CheckFields(body, Entity.Fields, Entity.Sections.Keys, OneCNames.TransferOrders);
        if (error is not null) return (error, null);
        var sender = Reference(body, "СкладОтправитель_Key");
        var recipient = Reference(body, "СкладПолучатель_Key");
        var organization = Reference(body, "Организация_Key");

        // A document written without a date keeps the empty one, which posting refuses.
        var date = DateTime.MinValue;
        if (body["Date"] is { } rawDate && !ODataValues.TryParseDate(rawDate.GetValue<string>(), out date))
            return (ODataErrors.BadRequest($"Неверное значение поля 'Date': '{rawDate}'"), null);

        var lines = Lines(body, out error);
        if (error is not null) return (error, null);

        var extra = new JsonObject();
        foreach (var (name, value) in body)
            if (name != "Товары" && !TypedHeader.Contains(name) && name != "Ref_Key" && name != "DeletionMark") extra[name] = value?.DeepClone();

        var document = state.AddTransferOrder(number => new TransferOrderDocument(
            body["Ref_Key"] is { } requested && Guid.TryParse(requested.GetValue<string>(), out var key) && key != Guid.Empty ? key : Guid.NewGuid(),
            number,
            DateTime.SpecifyKind(date, DateTimeKind.Unspecified),
            false,
            body["DeletionMark"]?.GetValue<bool>() ?? false,
            organization,
            sender,
            recipient,
            body["Статус"]?.GetValue<string>() ?? "",
            body["Комментарий"]?.GetValue<string>() ?? "",
            lines!,
            1,
            0,
            DateTimeOffset.UtcNow,
            extra));
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
        if (fault.PostUnavailable)
        {
            // A technical failure of the posting call: the document stays written and unposted, and trying again later helps.
            state.UpdateTransferOrder(key, d => d with { PostAttempts = d.PostAttempts + 1 });
            return ODataErrors.Internal(503, "Сервис временно недоступен: превышено время ожидания блокировки данных");
        }

        var title = $"\"Заказ на перемещение {document.Number} от {document.Date:dd.MM.yyyy H:mm:ss}\"";
        if (fault.FailPost)
        {
            state.UpdateTransferOrder(key, d => d with { PostAttempts = d.PostAttempts + 1 });
            return ODataErrors.Internal(500, $"Ошибка при вызове метода контекста (Записать): Не удалось провести {title}!");
        }

        if (operational.Equals("true", StringComparison.OrdinalIgnoreCase))
            return Refuse(key, $"Не удалось провести {title}! Оперативное проведение документов этого вида запрещено");
        if (document.DeletionMark) return Refuse(key, $"Не удалось провести {title}! Документ помечен на удаление");

        var problems = FillingProblems(document);
        if (problems.Count > 0) return Refuse(key, $"Ошибка при вызове метода контекста (Записать): Не удалось провести {title}!\n{string.Join("\n", problems)}");

        // Posting again (the document already posted) moves nothing twice.
        if (!document.Posted)
            state.Catalogue.Dispatch(key, document.SenderKey, document.RecipientKey, document.Lines.Select(l => (l.ItemKey, l.CharacteristicKey, l.Quantity)));
        state.UpdateTransferOrder(key, d => d with { Posted = true, DataVersion = d.DataVersion + 1, PostAttempts = d.PostAttempts + 1 });
        return SimResponse.Empty(200);
    }

    public SimResponse Unpost(Guid key)
    {
        var updated = state.UpdateTransferOrder(key, d => d with { Posted = false, DataVersion = d.DataVersion + 1 });
        if (updated is null) return NotFound(key);
        state.Catalogue.Cancel(key);
        return SimResponse.Empty(200);
    }

    /// <summary>
    /// Goods of a posted order arrive at its recipient, as a ПеремещениеТоваров by the order would bring them: each row
    /// receives its quantity times <paramref name="share"/>; once nothing is left on its way the order is closed.
    /// </summary>
    public TransferOrderDocument? Receive(Guid key, decimal share)
    {
        var document = state.FindTransferOrder(key);
        if (document is not { Posted: true }) return null;
        foreach (var line in document.Lines) state.Catalogue.Receive(key, line.ItemKey, line.CharacteristicKey, Math.Round(line.Quantity * share, 3));
        return state.Catalogue.OpenOf(key) == 0 ? state.UpdateTransferOrder(key, d => d with { Status = "Закрыт", DataVersion = d.DataVersion + 1 }) : state.FindTransferOrder(key);
    }

    public static SimResponse NotFound(Guid key) =>
        ODataErrors.NotFound($"Не найден объект {OneCNames.TransferOrders} с ключом guid'{key}'");

    private SimResponse Refuse(Guid key, string text)
    {
        state.UpdateTransferOrder(key, d => d with { PostAttempts = d.PostAttempts + 1 });
        return ODataErrors.Internal(500, text);
    }

    /// <summary>
    /// The document's filling check at posting. Strict, it checks what УТ 11.5 checks with every functional option on;
    /// otherwise (a base with organizations, statuses, priorities and delivery switched off) only warehouses and rows.
    /// </summary>
    private List<string> FillingProblems(TransferOrderDocument document)
    {
        var problems = new List<string>();
        var catalogue = state.Catalogue;
        var header = document.Attributes;
        void Missing(string field) => problems.Add($"Поле \"{Synonyms.GetValueOrDefault(field, field)}\" не заполнено");
        string Text(string field) => header[field] is { } v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : "";
        Guid Ref(string field) => Guid.TryParse(Text(field), out var g) ? g : Guid.Empty;

        if (document.Date == DateTime.MinValue) problems.Add("Поле \"Дата\" не заполнено");
        if (document.SenderKey == Guid.Empty) Missing("СкладОтправитель_Key");
        if (document.RecipientKey == Guid.Empty) Missing("СкладПолучатель_Key");
        if (document.SenderKey != Guid.Empty && document.SenderKey == document.RecipientKey) problems.Add("Склад-отправитель и склад-получатель совпадают");
        foreach (var (field, warehouse) in new[] { ("СкладОтправитель_Key", document.SenderKey), ("СкладПолучатель_Key", document.RecipientKey) })
            if (catalogue.FindWarehouseFolder(warehouse) is not null) problems.Add($"В поле \"{Synonyms[field]}\" выбрана группа складов");

        if (options.OneCStrict)
        {
            if (document.OrganizationKey == Guid.Empty) Missing("Организация_Key");
            if (document.Status.Length == 0) Missing("Статус");
            var operation = Text("ХозяйственнаяОперация");
            if (operation.Length == 0) Missing("ХозяйственнаяОперация");
            if (operation == "ПеремещениеТоваровМеждуФилиалами" && Ref("ОрганизацияПолучатель_Key") == Guid.Empty) Missing("ОрганизацияПолучатель_Key");
            if (Ref("Приоритет_Key") == Guid.Empty) Missing("Приоритет_Key");
            var delivery = Text("СпособДоставки");
            if (delivery.Length == 0) Missing("СпособДоставки");
            else if (delivery != "Самовывоз")
            {
                if (Text("АдресДоставки").Length == 0) Missing("АдресДоставки");
                if (delivery.StartsWith("СиламиПеревозчика", StringComparison.Ordinal) && Ref("ПеревозчикПартнер_Key") == Guid.Empty) Missing("ПеревозчикПартнер_Key");
            }

            if (Text("ВариантПриемкиТоваров").Length == 0) Missing("ВариантПриемкиТоваров");
            if (header["ЖелаемаяДатаПоступления"] is { } wanted && ODataValues.TryParseDate(wanted.GetValue<string>(), out var arrival)
                && arrival != DateTime.MinValue && arrival < document.Date)
                problems.Add("Желаемая дата поступления не может быть меньше даты документа");
        }

        if (document.Lines.Count == 0) problems.Add("Не заполнена табличная часть \"Товары\"");
        foreach (var line in document.Lines)
        {
            void RowMissing(string field) =>
                problems.Add($"В строке {line.LineNumber} списка \"Товары\" не заполнено поле \"{Synonyms.GetValueOrDefault(field, field)}\"");
            var row = line.Attributes;
            string RowText(string field) => row[field] is { } v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : "";
            var item = catalogue.FindItem(line.ItemKey);
            if (line.ItemKey == Guid.Empty) RowMissing("Номенклатура_Key");
            if (item is { UsesCharacteristics: true } && line.CharacteristicKey == Guid.Empty) RowMissing("Характеристика_Key");
            else if (item is not null && line.CharacteristicKey != Guid.Empty && catalogue.FindCharacteristic(line.CharacteristicKey)?.ItemKey != item.RefKey)
                problems.Add($"В строке {line.LineNumber} списка \"Товары\" характеристика не принадлежит номенклатуре \"{item.Name}\"");

            if (line.Quantity <= 0) RowMissing("Количество");
            var packages = row["КоличествоУпаковок"] is { } n && n.GetValueKind() == JsonValueKind.Number ? n.GetValue<decimal>() : 0;
            if (packages <= 0) RowMissing("КоличествоУпаковок");
            var variant = RowText("ВариантОбеспечения");
            if (variant.Length == 0) RowMissing("ВариантОбеспечения");
            if (ShippingVariants.Contains(variant) && RowText("НачалоОтгрузки") is var start && (start.Length == 0 || start.StartsWith("0001-01-01", StringComparison.Ordinal)))
                RowMissing("НачалоОтгрузки");
        }

        return problems;
    }

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

            error = CheckFields(row, RowFields, [], $"{OneCNames.TransferOrders}_Товары");
            if (error is not null) return null;
            var item = Reference(row, "Номенклатура_Key");
            var characteristic = Reference(row, "Характеристика_Key");
            var quantity = row["Количество"]?.GetValue<decimal>() ?? 0;
            var lineNumber = lines.Count + 1;
            if (row["LineNumber"] is { } lineNode && !int.TryParse(lineNode.GetValue<string>(), NumberStyles.Integer, CultureInfo.InvariantCulture, out lineNumber) || lineNumber < 1)
            {
                error = ODataErrors.BadRequest($"Неверное значение LineNumber: '{row["LineNumber"]?.ToJsonString()}'");
                return null;
            }

            var extra = new JsonObject();
            foreach (var (name, value) in row)
                if (name is not ("Номенклатура_Key" or "Характеристика_Key" or "Количество" or "LineNumber" or "Ref_Key")) extra[name] = value?.DeepClone();
            lines.Add(new TransferOrderLine(lineNumber, item, quantity, characteristic, extra));
        }

        return lines;
    }

    /// <summary>
    /// Every property must be a field the base publishes for this type, carrying a value of the field's type: a GUID
    /// string for a reference (to an object that exists), a value name the enumeration has, a date, a number, a
    /// boolean, and an Int64 as a string.
    /// </summary>
    private SimResponse? CheckFields(JsonObject body, IReadOnlyList<OneCField> fields, IEnumerable<string> sections, string typeName)
    {
        var sectionNames = sections.ToHashSet();
        foreach (var (name, value) in body)
        {
            if (sectionNames.Contains(name)) continue;
            var field = fields.FirstOrDefault(f => f.Name == name);
            if (field is null) return ODataErrors.BadRequest($"Свойство '{name}' не найдено у типа {typeName}");
            if (ReadOnlyFields.Contains(name)) return ODataErrors.BadRequest($"Свойство '{name}' типа {typeName} доступно только для чтения");
            var kind = value?.GetValueKind() ?? JsonValueKind.Null;
            var wrongType = field.Type switch
            {
                "Edm.Guid" => kind != JsonValueKind.String || !Guid.TryParse(value!.GetValue<string>(), out _),
                "Edm.Double" => kind != JsonValueKind.Number,
                "Edm.Boolean" => kind is not (JsonValueKind.True or JsonValueKind.False),
                "Edm.DateTime" => kind != JsonValueKind.String || !ODataValues.TryParseDate(value!.GetValue<string>(), out _),
                "Edm.Int64" => kind != JsonValueKind.String || !long.TryParse(value!.GetValue<string>(), NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
                _ => kind != JsonValueKind.String,
            };
            if (wrongType) return ODataErrors.BadRequest($"Неверное значение свойства '{name}' типа {typeName}: ожидается {field.Type}");
            if (field.Values is { } allowed && value!.GetValue<string>() is { Length: > 0 } text && !allowed.Contains(text))
                return ODataErrors.BadRequest($"Неверное значение перечисления '{name}': '{text}'. Допустимые: {string.Join(", ", allowed)}");
            if (field.IsReference && name != "Ref_Key" && Guid.Parse(value!.GetValue<string>()) is var key && key != Guid.Empty && !Exists(name, key))
                return ODataErrors.BadRequest($"Ошибка проверки данных: поле '{name}' ссылается на несуществующий объект {ReferencedSet(name)} (guid'{key}')");
        }

        return null;
    }

    private static string ReferencedSet(string field) => field switch
    {
        "СкладОтправитель_Key" or "СкладПолучатель_Key" => OneCNames.Warehouses,
        "Организация_Key" or "ОрганизацияПолучатель_Key" => OneCNames.Organizations,
        "Приоритет_Key" => OneCNames.Priorities,
        "Номенклатура_Key" => OneCNames.Items,
        "Характеристика_Key" => OneCNames.Characteristics,
        "Упаковка_Key" => OneCNames.Units,
        _ => field,
    };

    private bool Exists(string field, Guid key)
    {
        var catalogue = state.Catalogue;
        return field switch
        {
            "СкладОтправитель_Key" or "СкладПолучатель_Key" => catalogue.FindWarehouse(key) is not null || catalogue.FindWarehouseFolder(key) is not null,
            "Организация_Key" or "ОрганизацияПолучатель_Key" => catalogue.FindOrganization(key) is not null,
            "Приоритет_Key" => catalogue.FindPriority(key) is not null,
            "Номенклатура_Key" => catalogue.FindItem(key) is not null,
            "Характеристика_Key" => catalogue.FindCharacteristic(key) is not null,
            "Упаковка_Key" => catalogue.FindUnit(key) is not null,
            // Users, departments, carriers, series are not simulated: any reference to them is taken as it is.
            _ => true,
        };
    }

    // Called after CheckFields: a present reference is a GUID string.
    private static Guid Reference(JsonObject body, string field) =>
        body[field] is { } node && Guid.TryParse(node.GetValue<string>(), out var key) ? key : Guid.Empty;
}
