namespace Hub.Simulators.Tests.Infrastructure;

public static class OneCPaths
{
    public const string Warehouses = "Catalog_Склады";
    public const string Items = "Catalog_Номенклатура";
    public const string Norms = "InformationRegister_ТоварныеОграничения";
    public const string Characteristics = "Catalog_ХарактеристикиНоменклатуры";
    public const string Units = "Catalog_УпаковкиЕдиницыИзмерения";
    public const string Priorities = "Catalog_Приоритеты";
    public const string Organizations = "Catalog_Организации";
    public const string Register = "AccumulationRegister_ТоварыНаСкладах";
    public const string TransferOrders = "Document_ЗаказНаПеремещение";

    // Percent-encodes the way a careful client does: UTF-8, every reserved character escaped.
    public static string Encode(string segment) => Uri.EscapeDataString(segment);

    public static string Query(params (string Name, string Value)[] parameters) =>
        string.Join('&', parameters.Select(p => $"{Uri.EscapeDataString(p.Name)}={Uri.EscapeDataString(p.Value)}"));

    // A quote inside an OData string literal is written twice.
    public static string Literal(string text) => $"'{text.Replace("'", "''")}'";
}
