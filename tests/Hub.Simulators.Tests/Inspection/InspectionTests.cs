using System.Net;
using Hub.Simulators.Tests.Infrastructure;

namespace Hub.Simulators.Tests.Inspection;

public sealed class InspectionTests
{
    [Fact]
    public async Task the_catalogue_summary_lists_warehouses_with_the_ids_of_both_systems()
    {
        await using var sim = await Sim.StartAsync();
        var catalogue = sim.Server.State.Catalogue;

        var summary = await sim.InspectAsync("_sim/catalogue");

        Assert.Equal(40, summary["itemCount"]!.GetValue<int>());
        var warehouses = summary["warehouses"]!.AsArray();
        // The last one is the old "Бестужевых", marked for deletion in 1C.
        Assert.Equal(["donor", "donor", "recipient", "recipient", "recipient", "donor"], warehouses.Select(w => w!["role"].Str()).ToArray());
        Assert.Equal([false, false, false, false, false, true], warehouses.Select(w => w!["deletionMark"]!.GetValue<bool>()).ToArray());
        foreach (var warehouse in warehouses.Take(5))
        {
            var known = catalogue.Warehouse(warehouse!["name"].Str());
            Assert.Equal(known.RefKey.ToString(), warehouse["oneCRefKey"].Str());
            Assert.Equal(known.StoreId.ToString(), warehouse["moySkladStoreId"].Str());
        }
    }

    [Fact]
    public async Task request_counters_are_kept_per_system()
    {
        await using var sim = await Sim.StartAsync();
        await sim.MoySkladBearer().GetAsync("entity/store");
        await sim.MoySklad(authorization: null).GetAsync("entity/store");
        await sim.OneC().GetAsync($"{OneCPaths.Encode(OneCPaths.Warehouses)}?$format=json");

        var counters = await sim.InspectAsync("_sim/requests");

        Assert.Equal(2, counters["moysklad"]!["total"]!.GetValue<long>());
        Assert.Equal(1, counters["moysklad"]!["byStatus"]!["401"]!.GetValue<long>());
        Assert.Equal(1, counters["onec"]!["total"]!.GetValue<long>());
    }

    [Fact]
    public async Task reset_clears_orders_documents_and_counters_but_keeps_the_catalogue()
    {
        await using var sim = await Sim.StartAsync();
        var moySklad = sim.MoySkladBearer();
        var (organization, agent, products) = await MoySkladOrders.ReferencesAsync(moySklad);
        await moySklad.PostAsync("entity/customerorder", MoySkladOrders.Order(organization, agent, products[0]).Json());
        await sim.OneC().PostAsync(OneCDocuments.Collection, OneCDocuments.Body(sim, "hub:reset").Json());
        var before = await sim.InspectAsync("_sim/catalogue");

        var reset = await sim.Inspection().PostAsync("_sim/reset", null);

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(0, (await sim.InspectAsync("_sim/moysklad/orders"))["count"]!.GetValue<int>());
        Assert.Equal(0, (await sim.InspectAsync("_sim/1c/documents"))["count"]!.GetValue<int>());
        Assert.Equal(0, (await sim.InspectAsync("_sim/requests"))["moysklad"]!["total"]!.GetValue<long>());
        Assert.Equal(before.ToJsonString(), (await sim.InspectAsync("_sim/catalogue")).ToJsonString());
        var order = await (await moySklad.PostAsync("entity/customerorder", MoySkladOrders.Order(organization, agent, products[0]).Json())).JsonAsync();
        Assert.Equal("00001", order["name"].Str());
    }
}
