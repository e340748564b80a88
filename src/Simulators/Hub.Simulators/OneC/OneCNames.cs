namespace Hub.Simulators.OneC;

public static class OneCNames
{
    public const string Warehouses = "Catalog_Склады";
    public const string Items = "Catalog_Номенклатура";
    public const string Organizations = "Catalog_Организации";
    public const string Norms = "InformationRegister_НормыЗапасов";
    public const string StockRegister = "AccumulationRegister_ТоварыНаСкладах";
    public const string TransferOrders = "Document_ЗаказНаПеремещение";
    public const string BalanceField = "ВНаличииBalance";

    public static IReadOnlyList<string> EntitySets { get; } = [Warehouses, Items, Organizations, Norms, StockRegister, TransferOrders];

    public static IReadOnlyList<string> TransferStatuses { get; } = ["НеСогласован", "КВыполнению", "Закрыт"];
}
