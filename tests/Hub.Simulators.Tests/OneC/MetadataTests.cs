using System.Xml.Linq;
using Hub.Simulators.Tests.Infrastructure;

namespace Hub.Simulators.Tests.OneC;

/// <summary>$metadata names the objects and fields of a УТ 11.5 base, so a client can learn them before it sends a body.</summary>
public sealed class MetadataTests
{
    private static readonly XNamespace Edm = "http://schemas.microsoft.com/ado/2009/11/edm";

    private static async Task<XDocument> MetadataAsync(Sim sim) =>
        XDocument.Parse(await (await sim.OneC().GetAsync("$metadata")).Content.ReadAsStringAsync());

    private static IReadOnlyList<string> Properties(XDocument metadata, string element, string name) =>
        metadata.Descendants(Edm + element).Single(e => (string?)e.Attribute("Name") == name)
            .Elements(Edm + "Property").Select(p => (string)p.Attribute("Name")!).ToList();

    [Fact]
    public async Task the_metadata_lists_every_object_the_hub_needs()
    {
        await using var sim = await Sim.StartAsync();

        var sets = (await MetadataAsync(sim)).Descendants(Edm + "EntitySet").Select(e => (string)e.Attribute("Name")!).ToList();

        Assert.Equal(
            ["Catalog_Склады", "Catalog_Номенклатура", "Catalog_ХарактеристикиНоменклатуры", "Catalog_УпаковкиЕдиницыИзмерения", "Catalog_Организации",
                "Catalog_Приоритеты", "InformationRegister_ТоварныеОграничения", "AccumulationRegister_ТоварыНаСкладах", "AccumulationRegister_ТоварыКПоступлению", "Document_ЗаказНаПеремещение"],
            sets);
        Assert.DoesNotContain("InformationRegister_НормыЗапасов", sets);
    }

    [Fact]
    public async Task the_transfer_order_and_its_rows_carry_the_attributes_posting_checks()
    {
        await using var sim = await Sim.StartAsync();
        var metadata = await MetadataAsync(sim);

        var header = Properties(metadata, "EntityType", "Document_ЗаказНаПеремещение");
        var rows = Properties(metadata, "ComplexType", "Document_ЗаказНаПеремещение_Товары_RowType");

        Assert.Superset(new HashSet<string> { "Date", "Организация_Key", "СкладОтправитель_Key", "СкладПолучатель_Key", "Статус", "ХозяйственнаяОперация",
            "Приоритет_Key", "СпособДоставки", "ВариантПриемкиТоваров", "Комментарий", "Товары" }, header.ToHashSet());
        Assert.Superset(new HashSet<string> { "LineNumber", "Номенклатура_Key", "Характеристика_Key", "Количество", "КоличествоУпаковок",
            "Упаковка_Key", "ВариантОбеспечения", "НачалоОтгрузки", "Отменено" }, rows.ToHashSet());
        Assert.DoesNotContain("ПодлежитРазблокировке", rows);
    }

    [Fact]
    public async Task the_norms_register_and_the_stock_balance_have_their_real_fields()
    {
        await using var sim = await Sim.StartAsync();
        var metadata = await MetadataAsync(sim);

        var norms = Properties(metadata, "EntityType", "InformationRegister_ТоварныеОграничения");
        var balance = Properties(metadata, "EntityType", "AccumulationRegister_ТоварыНаСкладах_Balance");

        Assert.Superset(new HashSet<string> { "Склад_Key", "Номенклатура_Key", "Характеристика_Key", "МинимальноеКоличествоЗапаса",
            "МаксимальноеКоличествоЗапаса", "МетодОбеспеченияПотребностей", "ЭтоГруппировка", "УпаковкаЗаказа_Key" }, norms.ToHashSet());
        Assert.Superset(new HashSet<string> { "Номенклатура_Key", "Характеристика_Key", "Склад_Key", "ВНаличииBalance", "КОтгрузкеBalance" }, balance.ToHashSet());
    }

    [Fact]
    public async Task a_newer_release_publishes_its_new_row_field()
    {
        await using var sim = await Sim.StartAsync(o => o.OneCRelease = "11.5.27");

        var rows = Properties(await MetadataAsync(sim), "ComplexType", "Document_ЗаказНаПеремещение_Товары_RowType");

        Assert.Contains("ПодлежитРазблокировке", rows);
    }
}
