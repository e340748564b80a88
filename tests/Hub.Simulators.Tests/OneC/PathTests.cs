using System.Net;
using Hub.Simulators.Tests.Infrastructure;

namespace Hub.Simulators.Tests.OneC;

public sealed class PathTests
{
    [Theory]
    [InlineData("Catalog_%D0%A1%D0%BA%D0%BB%D0%B0%D0%B4%D1%8B")]
    [InlineData("Catalog_%d0%a1%d0%ba%d0%bb%d0%b0%d0%b4%d1%8b")]
    [InlineData("Catalog_Склады")]
    public async Task cyrillic_entity_set_names_work_encoded_in_either_case_or_left_to_the_client(string segment)
    {
        await using var sim = await Sim.StartAsync();

        var response = await sim.OneC().GetAsync($"{segment}?$format=json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.EndsWith("$metadata#Catalog_Склады", body["odata.metadata"].Str());
        // Two groups, five warehouses in use and one marked for deletion: what 1C lists unless filtered.
        Assert.Equal(8, body["value"]!.AsArray().Count);
    }

    [Fact]
    public async Task an_infobase_name_before_odata_is_accepted()
    {
        await using var sim = await Sim.StartAsync();
        var client = sim.OneC(baseAddress: new Uri(sim.Server.BaseAddress, "UT11/odata/standard.odata/"));

        var response = await client.GetAsync($"{OneCPaths.Encode(OneCPaths.Items)}?$format=json&$top=3");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, (await response.JsonAsync())["value"]!.AsArray().Count);
    }

    [Fact]
    public async Task an_entity_is_served_by_its_guid_key()
    {
        await using var sim = await Sim.StartAsync();
        var warehouse = sim.Server.State.Catalogue.Warehouse("Магазин Невский");

        var response = await sim.OneC().GetAsync($"{OneCPaths.Encode(OneCPaths.Warehouses)}(guid'{warehouse.RefKey}')?$format=json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("Магазин Невский", body["Description"].Str());
        Assert.Equal(warehouse.RefKey.ToString(), body["Ref_Key"].Str());
    }

    [Fact]
    public async Task an_unknown_key_gets_404_and_an_unknown_entity_set_gets_404_with_an_odata_error()
    {
        await using var sim = await Sim.StartAsync();
        var client = sim.OneC();

        var missingKey = await client.GetAsync($"{OneCPaths.Encode(OneCPaths.Warehouses)}(guid'{Guid.NewGuid()}')?$format=json");
        var unknownSet = await client.GetAsync($"{OneCPaths.Encode("Catalog_Склад")}?$format=json");

        Assert.Equal(HttpStatusCode.NotFound, missingKey.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownSet.StatusCode);
        var error = (await unknownSet.JsonAsync())["odata.error"]!;
        Assert.NotNull(error["code"]);
        Assert.Equal("ru", error["message"]!["lang"].Str());
        Assert.Contains("Catalog_Склад", error["message"]!["value"].Str());
    }
}
