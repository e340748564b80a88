namespace Hub.Simulators.OneC;

public static class OneCNames
{
    public const string Warehouses = "Catalog_Склады";
    public const string Items = "Catalog_Номенклатура";
    public const string Characteristics = "Catalog_ХарактеристикиНоменклатуры";
    public const string Units = "Catalog_УпаковкиЕдиницыИзмерения";
    public const string Organizations = "Catalog_Организации";
    public const string Priorities = "Catalog_Приоритеты";
    public const string Norms = "InformationRegister_ТоварныеОграничения";
    public const string StockRegister = "AccumulationRegister_ТоварыНаСкладах";
    public const string IncomingRegister = "AccumulationRegister_ТоварыКПоступлению";
    public const string TransferOrders = "Document_ЗаказНаПеремещение";
    public const string BalanceField = "ВНаличииBalance";
    public const string ToShipField = "КОтгрузкеBalance";

    public static IReadOnlyList<string> EntitySets { get; } = [Warehouses, Items, Characteristics, Units, Organizations, Priorities, Norms, StockRegister, IncomingRegister, TransferOrders];
}
