using System.Net;
using Hub.Simulators.Faults;
using Hub.Simulators.Tests.Infrastructure;

namespace Hub.Simulators.Tests.Faults;

public sealed class FaultEndpointTests
{
    [Fact]
    public async Task faults_from_options_are_visible_and_can_be_replaced_per_system_and_reset()
    {
        await using var sim = await Sim.StartAsync(o => o.Faults.OneC = new FaultSettings { FailPost = true });

        var initial = await sim.InspectAsync("_sim/faults");
        await sim.SetFaultsAsync("moysklad", """{"latencyMs":5,"errorRate":0.25}""");
        var replaced = await sim.InspectAsync("_sim/faults");
        var replacedInProcess = sim.Server.Faults.MoySklad;
        await sim.Inspection().DeleteAsync("_sim/faults");
        var reset = await sim.InspectAsync("_sim/faults");

        Assert.True(initial["onec"]!["failPost"]!.GetValue<bool>());
        Assert.Equal(5, replaced["moysklad"]!["latencyMs"]!.GetValue<int>());
        Assert.Equal(0.25, replaced["moysklad"]!["errorRate"]!.GetValue<double>());
        Assert.Equal(30_000, replaced["moysklad"]!["timeoutMs"]!.GetValue<int>());
        Assert.Equal(new FaultSettings { LatencyMs = 5, ErrorRate = 0.25 }, replacedInProcess);
        Assert.False(reset["onec"]!["failPost"]!.GetValue<bool>());
        Assert.Equal(FaultSettings.None, sim.Server.Faults.MoySklad);
    }

    [Fact]
    public async Task a_misspelt_or_out_of_range_fault_is_refused()
    {
        await using var sim = await Sim.StartAsync();
        var client = sim.Inspection();

        var typo = await client.PutAsync("_sim/faults/moysklad", HttpExtensions.Json("""{"latency":5}"""));
        var range = await client.PutAsync("_sim/faults/onec", HttpExtensions.Json("""{"errorRate":1.5}"""));
        var system = await client.PutAsync("_sim/faults/wildberries", HttpExtensions.Json("{}"));

        Assert.Equal(HttpStatusCode.BadRequest, typo.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, range.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, system.StatusCode);
        Assert.Equal(FaultSettings.None, sim.Server.Faults.MoySklad);
    }
}
