using System.Net;
using Hub.Simulators.Faults;
using Hub.Simulators.State;
using Hub.Simulators.Tests.Infrastructure;

namespace Hub.Simulators.Tests.Inspection;

// The log is how client tests ask "what did you send, and when were you refused?" without trusting the client.
public sealed class RequestLogTests
{
    [Fact]
    public async Task each_moysklad_request_is_logged_with_its_arrival_time_accept_encoding_status_and_vendor_code()
    {
        await using var sim = await Sim.StartAsync(o =>
        {
            o.RateWindow = TimeSpan.FromSeconds(60);
            o.RateBucketUnits = 2;
        });
        var client = sim.MoySkladBearer();
        for (var i = 0; i < 3; i++) await client.GetAsync("entity/store?limit=1");
        await sim.MoySklad(new("Bearer", sim.Options.MoySkladToken), gzip: false).GetAsync("entity/store");

        var log = sim.Server.State.Requests.MoySklad.Log;

        Assert.Equal([1L, 2, 3, 4], log.Select(e => e.Sequence).ToArray());
        Assert.Equal([200, 200, 429, 415], log.Select(e => e.Status ?? 0).ToArray());
        Assert.All(log.Take(3), e =>
        {
            Assert.Contains("gzip", e.AcceptEncoding);
            Assert.Equal("gzip", e.ContentEncoding);
            Assert.Equal("/api/remap/1.2/entity/store", e.Path);
            Assert.Equal("?limit=1", e.Query);
        });
        Assert.Equal(1049, log[2].ErrorCode);
        Assert.Null(log[3].AcceptEncoding);
        Assert.All(log, e => Assert.Equal(RequestOutcome.Answered, e.Outcome));
        Assert.True(log[0].ReceivedAt <= log[2].ReceivedAt);
    }

    [Fact]
    public async Task the_log_endpoint_filters_by_status_and_by_what_was_already_seen()
    {
        await using var sim = await Sim.StartAsync(o =>
        {
            o.RateWindow = TimeSpan.FromSeconds(60);
            o.RateBucketUnits = 1;
        });
        var client = sim.MoySkladBearer();
        for (var i = 0; i < 4; i++) await client.GetAsync("entity/store");

        var refused = await sim.InspectAsync("_sim/requests/moysklad/log?status=429");
        var later = await sim.InspectAsync("_sim/requests/moysklad/log?after=3");

        Assert.Equal(3, refused["count"]!.GetValue<int>());
        Assert.All(refused["requests"]!.AsArray(), r =>
        {
            Assert.Equal(1049, r!["errorCode"]!.GetValue<int>());
            Assert.True(DateTimeOffset.TryParse(r["receivedAt"].Str(), out _));
        });
        Assert.Equal([4L], later["requests"]!.AsArray().Select(r => r!["sequence"]!.GetValue<long>()).ToArray());
        Assert.Equal(HttpStatusCode.NotFound, (await sim.Inspection().GetAsync("_sim/requests/amocrm/log")).StatusCode);
    }

    [Fact]
    public async Task onec_requests_are_logged_with_the_decoded_cyrillic_path_and_swallowed_answers_have_no_status()
    {
        await using var sim = await Sim.StartAsync(o => o.Faults.OneC = new FaultSettings { DropRate = 1 });
        var client = sim.OneC();

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.GetAsync($"{OneCPaths.Encode(OneCPaths.Warehouses)}?$format=json"));
        sim.Server.Faults.OneC = FaultSettings.None;
        await client.GetAsync($"{OneCPaths.Encode(OneCPaths.Warehouses)}?$format=json");

        var log = sim.Server.State.Requests.OneC.Log;
        Assert.Equal(2, log.Count);
        Assert.All(log, e => Assert.Equal("/odata/standard.odata/Catalog_Склады", e.Path));
        Assert.Equal(RequestOutcome.Dropped, log[0].Outcome);
        Assert.Null(log[0].Status);
        Assert.Equal(RequestOutcome.Answered, log[1].Outcome);
        Assert.Equal(200, log[1].Status);
    }

    [Fact]
    public async Task reset_empties_the_log_and_restarts_its_numbering()
    {
        await using var sim = await Sim.StartAsync();
        await sim.MoySkladBearer().GetAsync("entity/store");

        await sim.Inspection().PostAsync("_sim/reset", null);
        await sim.MoySkladBearer().GetAsync("entity/store");

        Assert.Equal(1L, Assert.Single(sim.Server.State.Requests.MoySklad.Log).Sequence);
    }
}
