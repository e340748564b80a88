using System.Text.Json.Nodes;
using Hub.Simulators.Catalogue;
using Hub.Simulators.State;

namespace Hub.Simulators.OneC;

public static class OneCJson
{
    public static string EmptyRef { get; } = Guid.Empty.ToString();

    // 1C sends DataVersion as an opaque base64 string; clients must not parse it.
    public static string DataVersion(long version) => Convert.ToBase64String(BitConverter.GetBytes(version));

    public static JsonObject Warehouse(Warehouse warehouse) => new()
    {
        ["Ref_Key"] = warehouse.RefKey.ToString(),
        ["DataVersion"] = DataVersion(1),
        ["DeletionMark"] = false,
        ["Parent_Key"] = EmptyRef,
        ["IsFolder"] = false,
        ["Code"] = warehouse.Code,
        ["Description"] = warehouse.Name,
        ["ТипСклада"] = warehouse.Role == WarehouseRole.Donor ? "СкладскоеПомещение" : "РозничныйМагазин",
        ["Predefined"] = false,
        ["PredefinedDataName"] = "",
    };

    public static JsonObject Item(CatalogueItem item) => new()
    {
        ["Ref_Key"] = item.RefKey.ToString(),
        ["DataVersion"] = DataVersion(1),
        ["DeletionMark"] = false,
        ["Parent_Key"] = EmptyRef,
        ["IsFolder"] = false,
        ["Code"] = item.Code,
        ["Description"] = item.Name,
        ["НаименованиеПолное"] = item.Name,
        ["Артикул"] = item.Article,
        ["ЕдиницаИзмерения"] = item.Unit,
        ["Predefined"] = false,
        ["PredefinedDataName"] = "",
    };

    public static JsonObject Organization(LegalEntity organization) => new()
    {
        ["Ref_Key"] = organization.Id.ToString(),
        ["DataVersion"] = DataVersion(1),
        ["DeletionMark"] = false,
        ["Code"] = organization.Code,
        ["Description"] = organization.Name,
        ["ИНН"] = organization.Inn,
        ["Predefined"] = false,
        ["PredefinedDataName"] = "",
    };

    public static JsonObject Norm(StockNorm norm) => new()
    {
        ["Склад_Key"] = norm.WarehouseKey.ToString(),
        ["Номенклатура_Key"] = norm.ItemKey.ToString(),
        ["МинимальныйЗапас"] = norm.Minimum,
        ["МаксимальныйЗапас"] = norm.Maximum,
    };

    // LineNumber is a string, exactly as 1C serialises it; a client expecting a number has to cope.
    public static JsonObject TransferOrder(TransferOrderDocument document)
    {
        var lines = new JsonArray();
        foreach (var line in document.Lines)
        {
            lines.Add(new JsonObject
            {
                ["Ref_Key"] = document.RefKey.ToString(),
                ["LineNumber"] = line.LineNumber.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Номенклатура_Key"] = line.ItemKey.ToString(),
                ["Количество"] = line.Quantity,
            });
        }

        return new JsonObject
        {
            ["Ref_Key"] = document.RefKey.ToString(),
            ["DataVersion"] = DataVersion(document.DataVersion),
            ["DeletionMark"] = document.DeletionMark,
            ["Number"] = document.Number,
            ["Date"] = ODataValues.FormatDate(document.Date),
            ["Posted"] = document.Posted,
            ["Организация_Key"] = document.OrganizationKey.ToString(),
            ["СкладОтправитель_Key"] = document.SenderKey.ToString(),
            ["СкладПолучатель_Key"] = document.RecipientKey.ToString(),
            ["Статус"] = document.Status,
            ["Комментарий"] = document.Comment,
            ["Товары"] = lines,
        };
    }
}
