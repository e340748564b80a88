using System.Text.Json.Nodes;

namespace Hub.Simulators.Tests.Infrastructure;

public static class OneCDocuments
{
    public static string Collection => $"{OneCPaths.Encode(OneCPaths.TransferOrders)}?$format=json";

    public static string Post(string refKey) =>
        $"{OneCPaths.Encode(OneCPaths.TransferOrders)}(guid'{refKey}')/Post?PostingModeOperational=false";

    public static string FindByComment(string comment) =>
        $"{OneCPaths.Encode(OneCPaths.TransferOrders)}?{OneCPaths.Query(("$format", "json"), ("$filter", $"Комментарий eq {OneCPaths.Literal(comment)}"))}";

    public static JsonObject Body(Sim sim, string comment, Guid? sender = null, Guid? item = null)
    {
        var catalogue = sim.Server.State.Catalogue;
        return new JsonObject
        {
            ["Date"] = "2026-11-20T09:30:00",
            ["Организация_Key"] = catalogue.OneCOrganization.Id.ToString(),
            ["СкладОтправитель_Key"] = (sender ?? catalogue.Warehouse("Бестужевых").RefKey).ToString(),
            ["СкладПолучатель_Key"] = catalogue.Warehouse("Магазин Невский").RefKey.ToString(),
            ["Статус"] = "КВыполнению",
            ["Комментарий"] = comment,
            ["Товары"] = new JsonArray(
                new JsonObject { ["LineNumber"] = 1, ["Номенклатура_Key"] = (item ?? catalogue.Items[0].RefKey).ToString(), ["Количество"] = 4 },
                new JsonObject { ["LineNumber"] = 2, ["Номенклатура_Key"] = catalogue.Items[1].RefKey.ToString(), ["Количество"] = 2.5 }),
        };
    }
}
