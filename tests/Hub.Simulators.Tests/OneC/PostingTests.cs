using System.Net;
using System.Text.Json.Nodes;
using Hub.Simulators.Tests.Infrastructure;

namespace Hub.Simulators.Tests.OneC;

/// <summary>
/// Posting a Заказ на перемещение checks its filling as УТ 11.5 does (ut11-reference.md): a document written without an
/// attribute posting requires is created, and then refused at Post with 1C's text, HTTP 500, code -1.
/// </summary>
public sealed class PostingTests
{
    private static async Task<(HttpResponseMessage Post, string RefKey)> CreateAndPostAsync(Sim sim, JsonObject body)
    {
        var client = sim.OneC();
        var created = await client.PostAsync(OneCDocuments.Collection, body.Json());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var refKey = (await created.JsonAsync())["Ref_Key"].Str();
        return (await client.PostAsync(OneCDocuments.Post(refKey), null), refKey);
    }

    private static async Task AssertRefusedAsync(Sim sim, HttpResponseMessage post, string refKey, string text)
    {
        Assert.Equal(HttpStatusCode.InternalServerError, post.StatusCode);
        var error = (await post.JsonAsync())["odata.error"]!;
        Assert.Equal("-1", error["code"].Str());
        Assert.Contains("Не удалось провести", error["message"]!["value"].Str());
        Assert.Contains(text, error["message"]!["value"].Str());
        Assert.False(sim.Server.State.FindTransferOrder(Guid.Parse(refKey))!.Posted);
    }

    [Fact]
    public async Task an_order_with_every_required_attribute_posts()
    {
        await using var sim = await Sim.StartAsync();

        var (post, refKey) = await CreateAndPostAsync(sim, OneCDocuments.Body(sim, "hub:complete"));

        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.True(sim.Server.State.FindTransferOrder(Guid.Parse(refKey))!.Posted);
    }

    [Theory]
    [InlineData("Организация_Key", "Поле \"Организация\" не заполнено")]
    [InlineData("СкладОтправитель_Key", "Поле \"Склад-отправитель\" не заполнено")]
    [InlineData("СкладПолучатель_Key", "Поле \"Склад-получатель\" не заполнено")]
    [InlineData("Статус", "Поле \"Статус\" не заполнено")]
    [InlineData("ХозяйственнаяОперация", "Поле \"Хозяйственная операция\" не заполнено")]
    [InlineData("Приоритет_Key", "Поле \"Приоритет\" не заполнено")]
    [InlineData("СпособДоставки", "Поле \"Способ доставки\" не заполнено")]
    [InlineData("ВариантПриемкиТоваров", "Поле \"Вариант приемки товаров\" не заполнено")]
    public async Task posting_without_a_required_header_attribute_is_refused_naming_it(string field, string text)
    {
        await using var sim = await Sim.StartAsync();
        var body = OneCDocuments.Body(sim, $"hub:{field}");
        body.Remove(field);

        var (post, refKey) = await CreateAndPostAsync(sim, body);

        await AssertRefusedAsync(sim, post, refKey, text);
    }

    [Theory]
    [InlineData("КоличествоУпаковок", "не заполнено поле \"Количество упаковок\"")]
    [InlineData("ВариантОбеспечения", "не заполнено поле \"Действие\"")]
    [InlineData("НачалоОтгрузки", "не заполнено поле \"Начало отгрузки\"")]
    [InlineData("Характеристика_Key", "не заполнено поле \"Характеристика\"")]
    public async Task posting_a_row_without_a_required_field_is_refused_naming_the_row_and_field(string field, string text)
    {
        await using var sim = await Sim.StartAsync();
        var body = OneCDocuments.Body(sim, $"hub:{field}");
        // The second row's item is kept by characteristic; its characteristic is required.
        body["Товары"]![1]!.AsObject().Remove(field);

        var (post, refKey) = await CreateAndPostAsync(sim, body);

        await AssertRefusedAsync(sim, post, refKey, "В строке 2 списка \"Товары\" " + text);
    }

    [Fact]
    public async Task a_row_with_zero_packages_is_refused()
    {
        await using var sim = await Sim.StartAsync();
        var body = OneCDocuments.Body(sim, "hub:zero");
        body["Товары"]![0]!["КоличествоУпаковок"] = 0;

        var (post, refKey) = await CreateAndPostAsync(sim, body);

        await AssertRefusedAsync(sim, post, refKey, "В строке 1 списка \"Товары\" не заполнено поле \"Количество упаковок\"");
    }

    [Fact]
    public async Task a_characteristic_of_another_item_is_refused_at_posting()
    {
        await using var sim = await Sim.StartAsync();
        var body = OneCDocuments.Body(sim, "hub:foreign");
        // The first row's item has no characteristics; the second row's characteristic put on it belongs to another item.
        body["Товары"]![0]!["Характеристика_Key"] = body["Товары"]![1]!["Характеристика_Key"]!.DeepClone();

        var (post, refKey) = await CreateAndPostAsync(sim, body);

        await AssertRefusedAsync(sim, post, refKey, "В строке 1 списка \"Товары\" характеристика не принадлежит номенклатуре");
    }

    [Fact]
    public async Task a_transfer_between_branches_needs_the_receiving_organization()
    {
        await using var sim = await Sim.StartAsync();
        var body = OneCDocuments.Body(sim, "hub:branches");
        body["ХозяйственнаяОперация"] = "ПеремещениеТоваровМеждуФилиалами";

        var (post, refKey) = await CreateAndPostAsync(sim, body);

        await AssertRefusedAsync(sim, post, refKey, "Поле \"Организация-получатель\" не заполнено");
    }

    [Fact]
    public async Task a_delivery_other_than_pickup_needs_an_address()
    {
        await using var sim = await Sim.StartAsync();
        var body = OneCDocuments.Body(sim, "hub:delivery");
        body["СпособДоставки"] = "НашаДоставка";

        var (post, refKey) = await CreateAndPostAsync(sim, body);

        await AssertRefusedAsync(sim, post, refKey, "Поле \"Адрес доставки\" не заполнено");
    }

    [Fact]
    public async Task a_group_of_warehouses_cannot_be_the_sender()
    {
        await using var sim = await Sim.StartAsync();
        var folder = sim.Server.State.Catalogue.WarehouseFolders[0];

        var (post, refKey) = await CreateAndPostAsync(sim, OneCDocuments.Body(sim, "hub:folder", sender: folder.RefKey));

        await AssertRefusedAsync(sim, post, refKey, "выбрана группа складов");
    }

    [Fact]
    public async Task operational_posting_is_refused_because_the_document_forbids_it()
    {
        await using var sim = await Sim.StartAsync();
        var client = sim.OneC();
        var created = await (await client.PostAsync(OneCDocuments.Collection, OneCDocuments.Body(sim, "hub:operational").Json())).JsonAsync();
        var refKey = created["Ref_Key"].Str();

        var post = await client.PostAsync($"{OneCPaths.Encode(OneCPaths.TransferOrders)}(guid'{refKey}')/Post?PostingModeOperational=true", null);

        await AssertRefusedAsync(sim, post, refKey, "Оперативное проведение");
    }

    [Fact]
    public async Task a_base_with_the_functional_options_off_posts_an_order_that_names_only_warehouses_and_rows()
    {
        await using var sim = await Sim.StartAsync(o => o.OneCStrict = false);
        var body = OneCDocuments.Body(sim, "hub:lenient");
        foreach (var field in new[] { "Организация_Key", "Статус", "ХозяйственнаяОперация", "Приоритет_Key", "СпособДоставки", "ВариантПриемкиТоваров" })
            body.Remove(field);

        var (post, _) = await CreateAndPostAsync(sim, body);

        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
    }
}
