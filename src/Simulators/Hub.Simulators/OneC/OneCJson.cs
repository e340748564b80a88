using System.Globalization;
using System.Text.Json.Nodes;
using Hub.Simulators.Catalogue;
using Hub.Simulators.State;

namespace Hub.Simulators.OneC;

// Rows as the standard OData interface writes them: every published field present, references as _Key GUID
// strings (the empty reference for none), enumerations by value name, Int64 numbers as strings.
public static class OneCJson
{
    public static string EmptyRef { get; } = Guid.Empty.ToString();

    // 1C sends DataVersion as an opaque base64 string; clients must not parse it.
    public static string DataVersion(long version) => Convert.ToBase64String(BitConverter.GetBytes(version));

    private static string Key(Guid key) => key.ToString();

    private static JsonObject Standard(Guid refKey, string description, bool deletionMark = false) => new()
    {
        ["Ref_Key"] = Key(refKey),
        ["DataVersion"] = DataVersion(1),
        ["DeletionMark"] = deletionMark,
        ["Description"] = description,
        ["Predefined"] = false,
        ["PredefinedDataName"] = "",
    };

    public static JsonObject Warehouse(Warehouse warehouse)
    {
        var row = Standard(warehouse.RefKey, warehouse.Name, warehouse.DeletionMark);
        row["IsFolder"] = false;
        row["Parent_Key"] = Key(warehouse.ParentKey);
        return row;
    }

    public static JsonObject WarehouseFolder(CatalogFolder folder)
    {
        var row = Standard(folder.RefKey, folder.Name);
        row["IsFolder"] = true;
        row["Parent_Key"] = Key(folder.ParentKey);
        return row;
    }

    public static JsonObject Item(CatalogueItem item)
    {
        var row = Standard(item.RefKey, item.Name, item.DeletionMark);
        row["IsFolder"] = false;
        row["Parent_Key"] = Key(item.ParentKey);
        row["Code"] = item.Code;
        row["Артикул"] = item.Article;
        row["НаименованиеПолное"] = item.Name;
        row["ЕдиницаИзмерения_Key"] = Key(item.UnitKey);
        row["ИспользованиеХарактеристик"] = item.CharacteristicsUse;
        row["ВидНоменклатуры_Key"] = EmptyRef;
        // What makes a read without $select expensive in a real base: long texts and inline tables on every item.
        row["Описание"] = $"{item.Name}. Артикул {item.Article}. " + string.Concat(Enumerable.Repeat("Описание для сайта и ценников, характеристики, условия хранения. ", 4));
        row["ДополнительныеРеквизиты"] = new JsonArray(Enumerable.Range(1, 3).Select(i => (JsonNode)new JsonObject
        {
            ["Ref_Key"] = Key(item.RefKey),
            ["LineNumber"] = i.ToString(CultureInfo.InvariantCulture),
            ["Свойство_Key"] = EmptyRef,
            ["Значение"] = $"значение {i}",
            ["ТекстоваяСтрока"] = "",
        }).ToArray());
        return row;
    }

    public static JsonObject ItemFolder(CatalogFolder folder)
    {
        var row = Standard(folder.RefKey, folder.Name);
        row["IsFolder"] = true;
        row["Parent_Key"] = Key(folder.ParentKey);
        row["Code"] = "";
        row["Артикул"] = "";
        row["НаименованиеПолное"] = folder.Name;
        row["ЕдиницаИзмерения_Key"] = EmptyRef;
        row["ИспользованиеХарактеристик"] = "";
        row["ВидНоменклатуры_Key"] = EmptyRef;
        row["Описание"] = "";
        row["ДополнительныеРеквизиты"] = new JsonArray();
        return row;
    }

    public static JsonObject Characteristic(Characteristic characteristic)
    {
        var row = Standard(characteristic.RefKey, characteristic.Name);
        row["Owner"] = Key(characteristic.ItemKey);
        row["Owner_Type"] = "StandardODATA." + OneCNames.Items;
        row["НаименованиеПолное"] = characteristic.Name;
        return row;
    }

    public static JsonObject Unit(UnitOfMeasure unit)
    {
        var row = Standard(unit.RefKey, unit.Name);
        row["Owner"] = Key(unit.OwnerKey);
        row["Owner_Type"] = unit.IsPackage ? "StandardODATA." + OneCNames.Items : "";
        row["НаименованиеПолное"] = unit.FullName;
        row["Числитель"] = unit.Factor;
        row["Знаменатель"] = 1;
        row["ЕдиницаИзмерения_Key"] = Key(unit.BaseUnitKey);
        row["ТипУпаковки"] = unit.IsPackage ? "Конечная" : "ЕдиницаИзмерения";
        return row;
    }

    public static JsonObject Organization(LegalEntity organization)
    {
        var row = Standard(organization.Id, organization.Name);
        row["Code"] = organization.Code;
        row["ИНН"] = organization.Inn;
        row["НаименованиеПолное"] = $"Общество с ограниченной ответственностью \"{organization.Name[4..]}\"";
        return row;
    }

    public static JsonObject Priority(NamedReference priority, int order)
    {
        var row = Standard(priority.RefKey, priority.Name);
        row["Code"] = priority.Code;
        row["РеквизитДопУпорядочивания"] = order.ToString(CultureInfo.InvariantCulture);
        return row;
    }

    public static JsonObject Norm(StockNorm norm) => new()
    {
        ["Склад_Key"] = Key(norm.WarehouseKey),
        ["Номенклатура_Key"] = Key(norm.ItemKey),
        ["Характеристика_Key"] = Key(norm.CharacteristicKey),
        ["ГруппировкаТоварныхОграничений_Key"] = Key(norm.GroupingKey),
        ["МинимальноеКоличествоЗапаса"] = norm.Minimum,
        ["МаксимальноеКоличествоЗапаса"] = norm.Maximum,
        ["СтраховоеКоличествоЗапаса"] = 0,
        ["НормаПотребления"] = 0,
        ["МетодОбеспеченияПотребностей"] = norm.Method,
        ["УпаковкаЗаказа_Key"] = Key(norm.OrderPackageKey),
        ["ОбеспечениеЗаказовПриПоддержанииЗапаса"] = false,
        ["СреднедневноеПотребление"] = 0,
        ["СреднееОтклонениеПотребления"] = 0,
        ["ЭтоДействующийПараметр"] = true,
        ["ЭтоГруппировка"] = norm.IsGrouping,
        ["ДатаРасчетаРекомендаций"] = "0001-01-01T00:00:00",
        ["ЕстьРекомендацияПоИзменению"] = false,
        ["РеквизитДопУпорядочивания"] = "0",
    };

    // LineNumber is a string, exactly as 1C serialises Int64; a client expecting a number has to cope.
    public static JsonObject TransferOrder(TransferOrderDocument document)
    {
        var lines = new JsonArray();
        foreach (var line in document.Lines)
        {
            var row = new JsonObject
            {
                ["Ref_Key"] = Key(document.RefKey),
                ["LineNumber"] = line.LineNumber.ToString(CultureInfo.InvariantCulture),
                ["Номенклатура_Key"] = Key(line.ItemKey),
                ["Характеристика_Key"] = Key(line.CharacteristicKey),
                ["Количество"] = line.Quantity,
            };
            foreach (var (name, value) in line.Attributes) row[name] = value?.DeepClone();
            lines.Add(row);
        }

        var json = new JsonObject
        {
            ["Ref_Key"] = Key(document.RefKey),
            ["DataVersion"] = DataVersion(document.DataVersion),
            ["DeletionMark"] = document.DeletionMark,
            ["Number"] = document.Number,
            ["Date"] = ODataValues.FormatDate(document.Date),
            ["Posted"] = document.Posted,
            ["Организация_Key"] = Key(document.OrganizationKey),
            ["СкладОтправитель_Key"] = Key(document.SenderKey),
            ["СкладПолучатель_Key"] = Key(document.RecipientKey),
            ["Статус"] = document.Status,
            ["Комментарий"] = document.Comment,
        };
        foreach (var (name, value) in document.Attributes) json[name] = value?.DeepClone();
        json["Товары"] = lines;
        return json;
    }
}
