using System.Text;

namespace Hub.Simulators.OneC;

// A trimmed $metadata listing only what the simulator publishes, so a client can check field names against it.
public static class ODataMetadata
{
    private static readonly (string Set, (string Name, string Type)[] Properties)[] Types =
    [
        (OneCNames.Warehouses, [("Ref_Key", "Edm.Guid"), ("DataVersion", "Edm.String"), ("DeletionMark", "Edm.Boolean"), ("Parent_Key", "Edm.Guid"), ("IsFolder", "Edm.Boolean"), ("Code", "Edm.String"), ("Description", "Edm.String"), ("ТипСклада", "Edm.String"), ("Predefined", "Edm.Boolean"), ("PredefinedDataName", "Edm.String")]),
        (OneCNames.Items, [("Ref_Key", "Edm.Guid"), ("DataVersion", "Edm.String"), ("DeletionMark", "Edm.Boolean"), ("Parent_Key", "Edm.Guid"), ("IsFolder", "Edm.Boolean"), ("Code", "Edm.String"), ("Description", "Edm.String"), ("НаименованиеПолное", "Edm.String"), ("Артикул", "Edm.String"), ("ЕдиницаИзмерения", "Edm.String"), ("Predefined", "Edm.Boolean"), ("PredefinedDataName", "Edm.String")]),
        (OneCNames.Organizations, [("Ref_Key", "Edm.Guid"), ("DataVersion", "Edm.String"), ("DeletionMark", "Edm.Boolean"), ("Code", "Edm.String"), ("Description", "Edm.String"), ("ИНН", "Edm.String"), ("Predefined", "Edm.Boolean"), ("PredefinedDataName", "Edm.String")]),
        (OneCNames.Norms, [("Склад_Key", "Edm.Guid"), ("Номенклатура_Key", "Edm.Guid"), ("МинимальныйЗапас", "Edm.Double"), ("МаксимальныйЗапас", "Edm.Double")]),
        (OneCNames.StockRegister + "_Balance", [("Номенклатура_Key", "Edm.Guid"), ("Склад_Key", "Edm.Guid"), (OneCNames.BalanceField, "Edm.Double")]),
        (OneCNames.TransferOrders, [("Ref_Key", "Edm.Guid"), ("DataVersion", "Edm.String"), ("DeletionMark", "Edm.Boolean"), ("Number", "Edm.String"), ("Date", "Edm.DateTime"), ("Posted", "Edm.Boolean"), ("Организация_Key", "Edm.Guid"), ("СкладОтправитель_Key", "Edm.Guid"), ("СкладПолучатель_Key", "Edm.Guid"), ("Статус", "Edm.String"), ("Комментарий", "Edm.String")]),
        (OneCNames.TransferOrders + "_Товары", [("Ref_Key", "Edm.Guid"), ("LineNumber", "Edm.Int64"), ("Номенклатура_Key", "Edm.Guid"), ("Количество", "Edm.Double")]),
    ];

    public static string Document()
    {
        var xml = new StringBuilder();
        xml.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        xml.Append("<edmx:Edmx xmlns:edmx=\"http://schemas.microsoft.com/ado/2007/06/edmx\" Version=\"1.0\">");
        xml.Append("<edmx:DataServices xmlns:m=\"http://schemas.microsoft.com/ado/2007/08/dataservices/metadata\" m:DataServiceVersion=\"3.0\">");
        xml.Append("<Schema xmlns=\"http://schemas.microsoft.com/ado/2009/11/edm\" Namespace=\"StandardODATA\">");
        foreach (var (set, properties) in Types)
        {
            xml.Append($"<EntityType Name=\"{set}\">");
            foreach (var (name, type) in properties) xml.Append($"<Property Name=\"{name}\" Type=\"{type}\" Nullable=\"true\"/>");
            xml.Append("</EntityType>");
        }

        xml.Append("<EntityContainer Name=\"InfoBase\" m:IsDefaultEntityContainer=\"true\">");
        foreach (var set in OneCNames.EntitySets) xml.Append($"<EntitySet Name=\"{set}\" EntityType=\"StandardODATA.{set}\"/>");
        xml.Append("</EntityContainer></Schema></edmx:DataServices></edmx:Edmx>");
        return xml.ToString();
    }
}
