namespace Hub.Integrations.OneC;

/// <summary>Section "OneC": the OData endpoint of the УТ 11.5 infobase, where its data lives, and what a transfer order carries.</summary>
public sealed class OneCOptions
{
    /// <summary>The publication's root, e.g. https://1c.example/ut11 (the client appends /odata/standard.odata/).</summary>
    public string BaseUrl { get; set; } = "";
    public string? User { get; set; }
    public string? Password { get; set; }
    public int TimeoutSeconds { get; set; } = 120;
    public int ReadRetries { get; set; } = 3;

    /// <summary>
    /// Rows per request when reading a catalogue or a register: 1C has no server-side paging, so a large base is read in
    /// pages ($top/$skip on a stable $orderby) instead of one answer that outlives the timeout.
    /// </summary>
    public int PageSize { get; set; } = 1000;

    /// <summary>The 1C server's time zone: balances' Period and documents' dates are its local time.</summary>
    public string ServerTimeZone { get; set; } = "Europe/Moscow";

    public string WarehousesSet { get; set; } = "Catalog_Склады";
    public string ItemsSet { get; set; } = "Catalog_Номенклатура";
    public string CharacteristicsSet { get; set; } = "Catalog_ХарактеристикиНоменклатуры";
    public string UnitsSet { get; set; } = "Catalog_УпаковкиЕдиницыИзмерения";
    public string OrganizationsSet { get; set; } = "Catalog_Организации";
    public string PrioritiesSet { get; set; } = "Catalog_Приоритеты";
    public string BalanceRegister { get; set; } = "AccumulationRegister_ТоварыНаСкладах";
    public string BalanceField { get; set; } = "ВНаличииBalance";
    /// <summary>Promised to shipments and other transfer orders: a donor gives only what is on hand less this.</summary>
    public string ToShipField { get; set; } = "КОтгрузкеBalance";
    /// <summary>Some servers take the Balance parameters as query options instead of in parentheses.</summary>
    public bool BalanceParametersInQuery { get; set; }

    /// <summary>
    /// Goods ordered to a warehouse and not received yet: posted transfer orders and other receipts by order add there
    /// (in УТ 11.5 the register of goods to receive; inferred from the transfer order's movements). An empty register
    /// leaves them uncounted.
    /// </summary>
    public OnItsWaySource OnItsWay { get; set; } = new();

    /// <summary>Where minimum and maximum levels are kept: УТ 11.5's ТоварныеОграничения unless the base is customised.</summary>
    public MinimumLevelSource MinimumLevels { get; set; } = new();

    public string TransferOrderSet { get; set; } = "Document_ЗаказНаПеремещение";

    /// <summary>Obsolete name of <see cref="TransferOrderOptions.Organization"/>, still read.</summary>
    public string? OrganizationKey { get; set; }

    /// <summary>The values a transfer order carries that posting checks (ut11-reference.md).</summary>
    public TransferOrderOptions TransferOrder { get; set; } = new();

    /// <summary>Donor warehouses by name, in the order they give (appsettings: "Бестужевых", then "Контейнер"); checked at start.</summary>
    public List<string> DonorWarehouses { get; set; } = [];

    public bool IsConfigured => !string.IsNullOrWhiteSpace(BaseUrl) && !string.IsNullOrWhiteSpace(User);

    public TimeZoneInfo ServerZone() => TimeZoneInfo.FindSystemTimeZoneById(ServerTimeZone);
}

public sealed class OnItsWaySource
{
    public string Register { get; set; } = "AccumulationRegister_ТоварыКПоступлению";
    public string Field { get; set; } = "КПоступлениюBalance";
}

public sealed class MinimumLevelSource
{
    public string EntitySet { get; set; } = "InformationRegister_ТоварныеОграничения";
    public string WarehouseField { get; set; } = "Склад_Key";
    public string ItemField { get; set; } = "Номенклатура_Key";
    public string CharacteristicField { get; set; } = "Характеристика_Key";
    public string MinimumField { get; set; } = "МинимальноеКоличествоЗапаса";
    public string MaximumField { get; set; } = "МаксимальноеКоличествоЗапаса";
    /// <summary>The package an order is rounded to (empty: the base unit); empty setting to leave it unread.</summary>
    public string PackageField { get; set; } = "УпаковкаЗаказа_Key";
    /// <summary>
    /// Only item norms of the min/max method: grouping rows and rows without an item are not norms. A customised base
    /// sets its own filter (OData $filter syntax); an empty one reads every row.
    /// </summary>
    public string Filter { get; set; } = DefaultFilter;

    public const string DefaultFilter =
        "МетодОбеспеченияПотребностей eq 'ПоддержаниеЗапасаМинМакс' and ЭтоГруппировка eq false and Номенклатура_Key ne guid'00000000-0000-0000-0000-000000000000'";
}

/// <summary>
/// Section "OneC:TransferOrder". Organization and priority are a name (as in the catalogue's Description) or a Ref_Key;
/// each is looked up once and kept. The enumeration values are УТ 11.5's value names.
/// </summary>
public sealed class TransferOrderOptions
{
    /// <summary>Catalog_Организации: required when the base has more than one organization.</summary>
    public string? Organization { get; set; }
    /// <summary>Catalog_Приоритеты: required when the base has more than one priority.</summary>
    public string? Priority { get; set; }
    /// <summary>СтатусыВнутреннихЗаказов: КВыполнению; a base with order statuses switched off uses Закрыт.</summary>
    public string Status { get; set; } = "КВыполнению";
    /// <summary>ХозяйственныеОперации: ПеремещениеТоваров (between branches needs ОрганизацияПолучатель).</summary>
    public string Operation { get; set; } = "ПеремещениеТоваров";
    /// <summary>СпособыДоставки: Самовывоз needs no address or carrier.</summary>
    public string DeliveryMethod { get; set; } = "Самовывоз";
    /// <summary>ВариантыПриемкиТоваров.</summary>
    public string AcceptanceVariant { get; set; } = "РазделенаПоЗаказамИНакладным";
    /// <summary>ВариантыОбеспечения of each row.</summary>
    public string SupplyVariant { get; set; } = "Отгрузить";
    /// <summary>ТипыНалогообложенияНДС, checked only in special VAT cases; left out when empty.</summary>
    public string? VatType { get; set; }
    /// <summary>Optional references (Ref_Key): the responsible user, the author, the department.</summary>
    public string? ResponsibleKey { get; set; }
    public string? AuthorKey { get; set; }
    public string? DepartmentKey { get; set; }
    /// <summary>ЖелаемаяДатаПоступления as days after the order's date; left out when not set.</summary>
    public int? ArrivalDays { get; set; }
}
