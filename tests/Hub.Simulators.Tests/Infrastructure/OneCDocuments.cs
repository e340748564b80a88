using System.Text.Json.Nodes;

namespace Hub.Simulators.Tests.Infrastructure;

public static class OneCDocuments
{
    public static string Collection => $"{OneCPaths.Encode(OneCPaths.TransferOrders)}?$format=json";

    public static string Post(string refKey) =>
        $"{OneCPaths.Encode(OneCPaths.TransferOrders)}(guid'{refKey}')/Post?PostingModeOperational=false";

    /// <summary>The lookup 1C can run: Комментарий is unlimited, so substringof, never eq.</summary>
    public static string FindByComment(string comment) =>
        $"{OneCPaths.Encode(OneCPaths.TransferOrders)}?{OneCPaths.Query(("$format", "json"), ("$filter", $"substringof({OneCPaths.Literal(comment)}, Комментарий)"))}";

    /// <summary>
    /// A transfer order with every attribute posting checks in a УТ 11.5 base (ut11-reference.md), two rows: the
    /// second item with a characteristic when it has them.
    /// </summary>
    public static JsonObject Body(Sim sim, string comment, Guid? sender = null, Guid? item = null)
    {
        var catalogue = sim.Server.State.Catalogue;
        var plain = catalogue.Items.First(i => !i.UsesCharacteristics);
        var varied = catalogue.Items.First(i => i.UsesCharacteristics);
        return new JsonObject
        {
            ["Date"] = "2026-11-20T09:30:00",
            ["Организация_Key"] = catalogue.OneCOrganization.Id.ToString(),
            ["СкладОтправитель_Key"] = (sender ?? catalogue.Warehouse("Бестужевых").RefKey).ToString(),
            ["СкладПолучатель_Key"] = catalogue.Warehouse("Магазин Невский").RefKey.ToString(),
            ["Статус"] = "КВыполнению",
            ["ХозяйственнаяОперация"] = "ПеремещениеТоваров",
            ["Приоритет_Key"] = catalogue.Priorities[1].RefKey.ToString(),
            ["СпособДоставки"] = "Самовывоз",
            ["ВариантПриемкиТоваров"] = "РазделенаПоЗаказамИНакладным",
            ["Комментарий"] = comment,
            ["Товары"] = new JsonArray(
                Row(1, item ?? plain.RefKey, Guid.Empty, 4),
                Row(2, varied.RefKey, varied.Variants[0].RefKey, 2.5m)),
        };
    }

    public static JsonObject Row(int line, Guid item, Guid characteristic, decimal quantity) => new()
    {
        ["LineNumber"] = line.ToString(),
        ["Номенклатура_Key"] = item.ToString(),
        ["Характеристика_Key"] = characteristic.ToString(),
        ["Количество"] = quantity,
        ["КоличествоУпаковок"] = quantity,
        ["Упаковка_Key"] = Guid.Empty.ToString(),
        ["ВариантОбеспечения"] = "Отгрузить",
        ["НачалоОтгрузки"] = "2026-11-20T09:30:00",
        ["Отменено"] = false,
    };
}
