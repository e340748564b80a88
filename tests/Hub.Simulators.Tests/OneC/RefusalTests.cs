using System.Net;
using System.Text.Json.Nodes;
using Hub.Simulators.Tests.Infrastructure;

namespace Hub.Simulators.Tests.OneC;

/// <summary>What a real УТ 11.5 base refuses, refused here too, so a client that relies on it fails in tests first.</summary>
public sealed class RefusalTests
{
    private static async Task<string> ErrorTextAsync(HttpResponseMessage response) =>
        (await response.JsonAsync())["odata.error"]!["message"]!["value"].Str();

    [Theory]
    [InlineData("Комментарий eq 'hub:x'")]
    [InlineData("Комментарий ne 'hub:x'")]
    [InlineData("tolower(Комментарий) eq 'hub:x'")]
    [InlineData("'hub:x' eq Комментарий")]
    public async Task comparing_the_unlimited_comment_is_refused_as_1c_refuses_it(string filter)
    {
        await using var sim = await Sim.StartAsync();
        var query = OneCPaths.Query(("$format", "json"), ("$filter", filter));

        var response = await sim.OneC().GetAsync($"{OneCPaths.Encode(OneCPaths.TransferOrders)}?{query}");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("Нельзя сравнивать поля неограниченной длины", await ErrorTextAsync(response));
    }

    [Fact]
    public async Task ordering_by_the_unlimited_comment_is_refused()
    {
        await using var sim = await Sim.StartAsync();

        var response = await sim.OneC().GetAsync($"{OneCPaths.Encode(OneCPaths.TransferOrders)}?$format=json&$orderby={Uri.EscapeDataString("Комментарий")}");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
    }

    [Fact]
    public async Task substringof_narrowed_by_date_and_recipient_is_what_1c_runs()
    {
        await using var sim = await Sim.StartAsync();
        var client = sim.OneC();
        var marker = $"hub:{Guid.NewGuid()}";
        await client.PostAsync(OneCDocuments.Collection, OneCDocuments.Body(sim, marker).Json());
        var recipient = sim.Server.State.Catalogue.Warehouse("Магазин Невский").RefKey;
        var filter = $"substringof({OneCPaths.Literal(marker)}, Комментарий) and Date ge datetime'2026-11-19T00:00:00' and СкладПолучатель_Key eq guid'{recipient}'";

        var response = await client.GetAsync($"{OneCPaths.Encode(OneCPaths.TransferOrders)}?{OneCPaths.Query(("$format", "json"), ("$filter", filter), ("$select", "Ref_Key,Number,Posted,Комментарий"))}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(marker, Assert.Single((await response.JsonAsync())["value"]!.AsArray())!["Комментарий"].Str());
    }

    [Theory]
    [InlineData("$select", "Ref_Key,НетТакогоПоля")]
    [InlineData("$orderby", "НетТакогоПоля")]
    [InlineData("$filter", "Код eq '1'")]
    public async Task a_field_the_base_does_not_publish_is_refused_in_select_orderby_and_filter(string option, string value)
    {
        await using var sim = await Sim.StartAsync();

        var response = await sim.OneC().GetAsync($"{OneCPaths.Encode(OneCPaths.Warehouses)}?{OneCPaths.Query(("$format", "json"), (option, value))}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("не найдено", await ErrorTextAsync(response));
    }

    [Fact]
    public async Task a_warehouse_has_no_code_in_ut_11_5()
    {
        await using var sim = await Sim.StartAsync();

        var response = await sim.OneC().GetAsync($"{OneCPaths.Encode(OneCPaths.Warehouses)}?$format=json&$select=Ref_Key,Code");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    public static TheoryData<string, Action<JsonObject>, string> BadBodies => new()
    {
        { "an unknown header field", b => b["НетТакогоРеквизита"] = "x", "НетТакогоРеквизита" },
        { "an unknown row field", b => b["Товары"]![0]!["Цена"] = 10, "Цена" },
        { "a status that is not of the enumeration", b => b["Статус"] = "НеСогласован", "НеСогласован" },
        { "an operation that is not of the enumeration", b => b["ХозяйственнаяОперация"] = "Перемещение", "Перемещение" },
        { "a supply variant that is not of the enumeration", b => b["Товары"]![0]!["ВариантОбеспечения"] = "Отгрузка", "Отгрузка" },
        { "a line number as a JSON number", b => b["Товары"]![0]!["LineNumber"] = 1, "LineNumber" },
        { "a quantity as text", b => b["Товары"]![0]!["Количество"] = "4", "Количество" },
        { "a reference that is not a GUID", b => b["Приоритет_Key"] = "Средний", "Приоритет_Key" },
        { "a priority that does not exist", b => b["Приоритет_Key"] = Guid.NewGuid().ToString(), "Приоритет_Key" },
        { "the read-only Posted", b => b["Posted"] = true, "Posted" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task a_body_the_base_cannot_take_is_refused_with_400_and_creates_nothing(string what, Action<JsonObject> spoil, string named)
    {
        await using var sim = await Sim.StartAsync();
        var body = OneCDocuments.Body(sim, $"hub:{what}");
        spoil(body);

        var response = await sim.OneC().PostAsync(OneCDocuments.Collection, body.Json());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(named, await ErrorTextAsync(response));
        Assert.Empty(sim.Server.State.TransferOrders);
    }

    [Fact]
    public async Task a_row_field_of_a_later_release_is_refused_by_an_older_base_and_taken_by_a_newer_one()
    {
        await using var older = await Sim.StartAsync();
        await using var newer = await Sim.StartAsync(o => o.OneCRelease = "11.5.27");
        var olderBody = OneCDocuments.Body(older, "hub:release");
        olderBody["Товары"]![0]!["ПодлежитРазблокировке"] = false;
        var newerBody = OneCDocuments.Body(newer, "hub:release");
        newerBody["Товары"]![0]!["ПодлежитРазблокировке"] = false;

        var refused = await older.OneC().PostAsync(OneCDocuments.Collection, olderBody.Json());
        var taken = await newer.OneC().PostAsync(OneCDocuments.Collection, newerBody.Json());

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Created, taken.StatusCode);
    }

    [Fact]
    public async Task a_user_without_rights_gets_500_not_403()
    {
        await using var sim = await Sim.StartAsync(o => o.OneCDeniedSets = ["Catalog_Приоритеты"]);

        var response = await sim.OneC().GetAsync($"{OneCPaths.Encode(OneCPaths.Priorities)}?$format=json");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("Недостаточно прав", await ErrorTextAsync(response));
    }

    [Fact]
    public async Task an_object_left_out_of_the_odata_interface_is_not_found_and_not_in_the_metadata()
    {
        await using var sim = await Sim.StartAsync(o => o.OneCUnpublishedSets = ["InformationRegister_ТоварныеОграничения"]);
        var client = sim.OneC();

        var response = await client.GetAsync($"{OneCPaths.Encode(OneCPaths.Norms)}?$format=json");
        var metadata = await (await client.GetAsync("$metadata")).Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("InformationRegister_ТоварныеОграничения", metadata);
        Assert.Contains("Document_ЗаказНаПеремещение", metadata);
    }
}
