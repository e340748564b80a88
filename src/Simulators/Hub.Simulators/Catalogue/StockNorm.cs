namespace Hub.Simulators.Catalogue;

/// <summary>
/// One record of InformationRegister_ТоварныеОграничения. Only rows of the min/max method that are not grouping
/// rows and name an item are item norms; the others are there because real bases have them.
/// </summary>
public sealed record StockNorm(
    Guid WarehouseKey,
    Guid ItemKey,
    decimal Minimum,
    decimal Maximum,
    Guid CharacteristicKey = default,
    string Method = StockNorm.MinMax,
    bool IsGrouping = false,
    Guid GroupingKey = default,
    Guid OrderPackageKey = default)
{
    public const string MinMax = "ПоддержаниеЗапасаМинМакс";

    public static IReadOnlyList<string> Methods { get; } =
        ["ЗаказПодЗаказ", MinMax, "ПоддержаниеЗапасаНаСрокПоНорме", "ПоддержаниеЗапасаНаСрокПоСтатистике"];

    public bool IsItemNorm => Method == MinMax && !IsGrouping && ItemKey != Guid.Empty;
}
