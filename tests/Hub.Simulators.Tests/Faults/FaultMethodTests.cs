using System.Net;
using Hub.Simulators.Faults;
using Hub.Simulators.Tests.Infrastructure;

namespace Hub.Simulators.Tests.Faults;

public sealed class FaultMethodTests
{
    [Fact]
    public async Task faults_limited_to_post_leave_reads_alone_and_still_hit_the_create()
    {
        await using var sim = await Sim.StartAsync(o => o.Faults.OneC = new FaultSettings { DropRate = 1, Methods = "POST" });
        var client = sim.OneC();
        var marker = $"hub:{Guid.NewGuid()}";

        var read = await client.GetAsync($"{OneCPaths.Encode(OneCPaths.Warehouses)}?$format=json");
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.PostAsync(OneCDocuments.Collection, OneCDocuments.Body(sim, marker).Json()));
        var found = await client.GetAsync(OneCDocuments.FindByComment(marker));

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Single((await found.JsonAsync())["value"]!.AsArray());
        Assert.Equal(1, sim.Server.State.Requests.OneC.Drops);
    }

    [Fact]
    public async Task methods_are_matched_in_any_case_and_a_list_is_accepted()
    {
        await using var sim = await Sim.StartAsync();
        await sim.SetFaultsAsync("moysklad", """{"errorRate":1,"methods":"put, post"}""");
        var client = sim.MoySkladBearer();

        var read = await client.GetAsync("entity/store");
        var create = await client.PostAsync("entity/customerorder", HttpExtensions.Json("{}"));

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.True((int)create.StatusCode >= 500);
    }

    [Fact]
    public async Task a_method_list_that_is_not_http_methods_is_refused()
    {
        await using var sim = await Sim.StartAsync();

        var response = await sim.Inspection().PutAsync("_sim/faults/onec", HttpExtensions.Json("""{"dropRate":1,"methods":"POST;GET"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(FaultSettings.None, sim.Server.Faults.OneC);
    }
}
