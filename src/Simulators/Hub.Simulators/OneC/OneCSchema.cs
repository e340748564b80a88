namespace Hub.Simulators.OneC;

/// <summary>One published field: its OData name, EDM type, and for an enumeration the values 1C accepts.</summary>
/// <param name="Unlimited">A string of unlimited length: 1C's query language refuses to compare it with = or to order by it.</param>
/// <param name="Since">The first УТ 11.5 release that has the field; older bases do not publish it.</param>
public sealed record OneCField(string Name, string Type, IReadOnlyList<string>? Values = null, bool Unlimited = false, string? Since = null)
{
    public bool IsReference => Type == "Edm.Guid" && Name.EndsWith("_Key", StringComparison.Ordinal);
}

/// <summary>An entity set as the standard OData interface publishes it, with its tabular sections (collections of row types).</summary>
public sealed record OneCEntity(string Set, IReadOnlyList<OneCField> Fields, IReadOnlyDictionary<string, IReadOnlyList<OneCField>> Sections, IReadOnlyList<string> Key)
{
    public OneCField? Field(string name) => Fields.FirstOrDefault(f => f.Name == name);

    public bool HasField(string name) => Field(name) is not null || Sections.ContainsKey(name);
}

/// <summary>
/// The objects of a УТ 11.5 base the simulator publishes, with the field names, types and enumeration values of the
/// real configuration (../shared/docs/ut11-reference.md). $metadata is written from it, and every $select, $filter,
/// $orderby and body is checked against it, so a client that names a field the base lacks is refused as 1C refuses it.
/// </summary>
public static class OneCSchema
{
    public static IReadOnlyList<string> TransferStatuses { get; } = ["НаСогласовании", "КВыполнению", "Закрыт"];
    public static IReadOnlyList<string> TransferOperations { get; } = ["ПеремещениеТоваров", "ПеремещениеТоваровМеждуФилиалами"];
    public static IReadOnlyList<string> DeliveryMethods { get; } = ["Самовывоз", "ДоКлиента", "СиламиПеревозчика", "СиламиПеревозчикаПоАдресу", "НашаДоставка"];
    public static IReadOnlyList<string> AcceptanceVariants { get; } = ["НеРазделена", "РазделенаПоЗаказамИНакладным", "РазделенаТолькоПоНакладным"];
    public static IReadOnlyList<string> VatTypes { get; } = ["ПродажаОблагаетсяНДС", "ПродажаНеОблагаетсяНДС", "ПродажаОблагаетсяЕНВД", "ЭкспортНесырьевыхТоваров"];
    public static IReadOnlyList<string> SupplyVariants { get; } = ["Требуется", "НеТребуется", "КОбеспечению", "СоСклада", "Обособленно", "Отгрузить", "ОтгрузитьОбособленно"];
    public static IReadOnlyList<string> CharacteristicUses { get; } = ["НеИспользовать", "ОбщиеДляВидаНоменклатуры", "ИндивидуальныеДляНоменклатуры", "ОбщиеСДругимВидомНоменклатуры"];
    public static IReadOnlyList<string> PackageTypes { get; } = ["ЕдиницаИзмерения", "Конечная", "Составная"];

    private static readonly string[] Dimensions = ["Номенклатура", "Характеристика", "Назначение", "Склад", "Помещение", "Серия"];

    /// <summary>The dimensions of AccumulationRegister_ТоварыНаСкладах that Balance(Dimensions='…') may name.</summary>
    public static IReadOnlyList<string> StockDimensions => Dimensions;

    public static IReadOnlyList<string> StockResources { get; } = ["ВНаличии", "КОтгрузке"];

    public static IReadOnlyList<string> IncomingDimensions { get; } = ["Номенклатура", "Характеристика", "Склад", "Распоряжение"];

    public static IReadOnlyList<string> IncomingResources { get; } = ["КПоступлению"];

    private static OneCField F(string name, string type = "Edm.String", IReadOnlyList<string>? values = null, bool unlimited = false, string? since = null) =>
        new(name, type, values, unlimited, since);

    private static OneCField Ref(string name) => F(name, "Edm.Guid");

    private static readonly OneCField[] CatalogStandard =
    [
        Ref("Ref_Key"), F("DataVersion"), F("DeletionMark", "Edm.Boolean"), F("Description"), F("Predefined", "Edm.Boolean"), F("PredefinedDataName"),
    ];

    private static readonly OneCField[] Hierarchy = [F("IsFolder", "Edm.Boolean"), Ref("Parent_Key")];

    private static OneCEntity Catalog(string set, IEnumerable<OneCField> fields, Dictionary<string, IReadOnlyList<OneCField>>? sections = null) =>
        new(set, CatalogStandard.Concat(fields).ToArray(), sections ?? [], ["Ref_Key"]);

    public static OneCEntity Warehouses { get; } = Catalog(OneCNames.Warehouses, Hierarchy);

    public static OneCEntity Items { get; } = Catalog(OneCNames.Items,
        [
            .. Hierarchy, F("Code"), F("Артикул"), F("НаименованиеПолное"), Ref("ЕдиницаИзмерения_Key"),
            F("ИспользованиеХарактеристик", values: CharacteristicUses), Ref("ВидНоменклатуры_Key"), F("Описание", unlimited: true),
        ],
        // A real item carries many more attributes and inline tables; this one is enough to make an unselected read heavy.
        new() { ["ДополнительныеРеквизиты"] = [Ref("Ref_Key"), F("LineNumber", "Edm.Int64"), Ref("Свойство_Key"), F("Значение"), F("ТекстоваяСтрока", unlimited: true)] });

    public static OneCEntity Characteristics { get; } = Catalog(OneCNames.Characteristics, [F("Owner"), F("Owner_Type"), F("НаименованиеПолное")]);

    public static OneCEntity Units { get; } = Catalog(OneCNames.Units,
    [
        F("Owner"), F("Owner_Type"), F("НаименованиеПолное"), F("Числитель", "Edm.Double"), F("Знаменатель", "Edm.Double"),
        Ref("ЕдиницаИзмерения_Key"), F("ТипУпаковки", values: PackageTypes),
    ]);

    public static OneCEntity Organizations { get; } = Catalog(OneCNames.Organizations, [F("Code"), F("ИНН"), F("НаименованиеПолное")]);

    public static OneCEntity Priorities { get; } = Catalog(OneCNames.Priorities, [F("Code"), F("РеквизитДопУпорядочивания", "Edm.Int64")]);

    public static OneCEntity Norms { get; } = new(OneCNames.Norms,
    [
        Ref("Склад_Key"), Ref("Номенклатура_Key"), Ref("Характеристика_Key"), Ref("ГруппировкаТоварныхОграничений_Key"),
        F("МинимальноеКоличествоЗапаса", "Edm.Double"), F("МаксимальноеКоличествоЗапаса", "Edm.Double"), F("СтраховоеКоличествоЗапаса", "Edm.Double"),
        F("НормаПотребления", "Edm.Double"), F("МетодОбеспеченияПотребностей", values: Catalogue.StockNorm.Methods), Ref("УпаковкаЗаказа_Key"),
        F("ОбеспечениеЗаказовПриПоддержанииЗапаса", "Edm.Boolean"), F("СреднедневноеПотребление", "Edm.Double"), F("СреднееОтклонениеПотребления", "Edm.Double"),
        F("ЭтоДействующийПараметр", "Edm.Boolean"), F("ЭтоГруппировка", "Edm.Boolean"), F("ДатаРасчетаРекомендаций", "Edm.DateTime"),
        F("ЕстьРекомендацияПоИзменению", "Edm.Boolean"), F("РеквизитДопУпорядочивания", "Edm.Int64"),
    ], new Dictionary<string, IReadOnlyList<OneCField>>(), ["Склад_Key", "Номенклатура_Key", "Характеристика_Key", "ГруппировкаТоварныхОграничений_Key"]);

    /// <summary>The Balance virtual table's row: the dimensions asked for (as _Key) and the resources suffixed with Balance.</summary>
    public static OneCEntity StockBalance { get; } = new(OneCNames.StockRegister + "_Balance",
        [.. Dimensions.Select(d => Ref(d + "_Key")), .. StockResources.Select(r => F(r + "Balance", "Edm.Double"))],
        new Dictionary<string, IReadOnlyList<OneCField>>(), []);

    public static OneCEntity IncomingBalance { get; } = new(OneCNames.IncomingRegister + "_Balance",
        [.. IncomingDimensions.Select(d => Ref(d + "_Key")), .. IncomingResources.Select(r => F(r + "Balance", "Edm.Double"))],
        new Dictionary<string, IReadOnlyList<OneCField>>(), []);

    public static OneCEntity TransferOrders(string release) => new(OneCNames.TransferOrders,
    [
        Ref("Ref_Key"), F("DataVersion"), F("DeletionMark", "Edm.Boolean"), F("Number"), F("Date", "Edm.DateTime"), F("Posted", "Edm.Boolean"),
        Ref("Организация_Key"), Ref("ОрганизацияПолучатель_Key"), Ref("СкладОтправитель_Key"), Ref("СкладПолучатель_Key"),
        F("Статус", values: TransferStatuses), F("ХозяйственнаяОперация", values: TransferOperations), Ref("Приоритет_Key"),
        F("СпособДоставки", values: DeliveryMethods), F("ВариантПриемкиТоваров", values: AcceptanceVariants),
        F("ПеремещениеПодДеятельность", values: VatTypes), F("ЖелаемаяДатаПоступления", "Edm.DateTime"),
        Ref("Ответственный_Key"), Ref("Автор_Key"), Ref("Подразделение_Key"), Ref("ПеревозчикПартнер_Key"),
        F("АдресДоставки", unlimited: true), F("АдресДоставкиПеревозчика", unlimited: true), F("ОсобыеУсловияПеревозкиОписание", unlimited: true),
        F("Комментарий", unlimited: true),
    ], new Dictionary<string, IReadOnlyList<OneCField>>
    {
        ["Товары"] = new[]
        {
            Ref("Ref_Key"), F("LineNumber", "Edm.Int64"), Ref("Номенклатура_Key"), Ref("Характеристика_Key"), Ref("Упаковка_Key"),
            F("КоличествоУпаковок", "Edm.Double"), F("Количество", "Edm.Double"), F("ВариантОбеспечения", values: SupplyVariants),
            F("НачалоОтгрузки", "Edm.DateTime"), F("Отменено", "Edm.Boolean"), Ref("ПричинаОтмены_Key"), Ref("Назначение_Key"), Ref("Серия_Key"),
            F("КодСтроки", "Edm.Int64"), F("ПодлежитРазблокировке", "Edm.Boolean", since: "11.5.27"),
        }.Where(f => Has(release, f.Since)).ToArray(),
    }, ["Ref_Key"]);

    /// <summary>Every entity set of this base, in the order the service document lists them.</summary>
    public static IReadOnlyList<OneCEntity> All(string release) =>
        [Warehouses, Items, Characteristics, Units, Organizations, Priorities, Norms, StockBalance, IncomingBalance, TransferOrders(release)];

    public static OneCEntity? Find(string set, string release) => All(release).FirstOrDefault(e => e.Set == set);

    private static bool Has(string release, string? since) =>
        since is null || (Version.TryParse(release, out var r) && Version.TryParse(since, out var s) && r >= s);
}
