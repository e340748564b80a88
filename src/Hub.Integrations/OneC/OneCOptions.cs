namespace Hub.Integrations.OneC;

/// <summary>Section "OneC": the OData endpoint of the УТ11 infobase and where its data lives.</summary>
public sealed class OneCOptions
{
    /// <summary>The publication's root, e.g. https://1c.example/ut11 (the client appends /odata/standard.odata/).</summary>
    public string BaseUrl { get; set; } = "";
    public string? User { get; set; }
    public string? Password { get; set; }
    public int TimeoutSeconds { get; set; } = 120;
    public int ReadRetries { get; set; } = 3;
    public string WarehousesSet { get; set; } = "Catalog_Склады";
    public string ItemsSet { get; set; } = "Catalog_Номенклатура";
    public string BalanceRegister { get; set; } = "AccumulationRegister_ТоварыНаСкладах";
    public string BalanceField { get; set; } = "ВНаличииBalance";
    /// <summary>Where minimum levels are kept depends on the configuration; an information register of stock norms is typical.</summary>
    public MinimumLevelSource MinimumLevels { get; set; } = new();
    public string TransferOrderSet { get; set; } = "Document_ЗаказНаПеремещение";
    public string? OrganizationKey { get; set; }
    /// <summary>Donor warehouses by name, in the order they give (appsettings: "Бестужевых", then "Контейнер"); checked at start.</summary>
    public List<string> DonorWarehouses { get; set; } = [];
    /// <summary>Some servers take the Balance parameters as query options instead of in parentheses.</summary>
    public bool BalanceParametersInQuery { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(BaseUrl) && !string.IsNullOrWhiteSpace(User);
}

public sealed class MinimumLevelSource
{
    public string EntitySet { get; set; } = "InformationRegister_НормыЗапасов";
    public string WarehouseField { get; set; } = "Склад_Key";
    public string ItemField { get; set; } = "Номенклатура_Key";
    public string MinimumField { get; set; } = "МинимальныйЗапас";
    public string MaximumField { get; set; } = "МаксимальныйЗапас";
}
