using System.Net;
using Hub.Simulators.Faults;
using Hub.Simulators.Tests.Infrastructure;

namespace Hub.Simulators.Tests.Faults;

public sealed class ErrorFaultTests
{
    [Fact]
    public async Task error_rate_one_answers_5xx_with_an_error_body_and_skips_the_side_effect()
    {
        await using var sim = await Sim.StartAsync();
        var client = sim.MoySkladBearer();
        var (organization, agent, products) = await MoySkladOrders.ReferencesAsync(client);
        sim.Server.Faults.MoySklad = new FaultSettings { ErrorRate = 1 };

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 6; i++) responses.Add(await client.PostAsync("entity/customerorder", MoySkladOrders.Order(organization, agent, products[0]).Json()));

        foreach (var response in responses)
        {
            Assert.Contains(response.StatusCode, new[] { HttpStatusCode.InternalServerError, HttpStatusCode.ServiceUnavailable });
            Assert.NotNull((await response.JsonAsync()).FirstError()["code"]);
        }

        Assert.Empty(sim.Server.State.CustomerOrders);
        var counters = await sim.InspectAsync("_sim/requests");
        Assert.Equal(6, counters["moysklad"]!["serverErrors"]!.GetValue<long>());
    }

    [Fact]
    public async Task a_partial_error_rate_mixes_successes_and_failures()
    {
        await using var sim = await Sim.StartAsync(o => o.Faults.OneC = new FaultSettings { ErrorRate = 0.5 });
        var client = sim.OneC();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 30; i++) statuses.Add((await client.GetAsync($"{OneCPaths.Encode(OneCPaths.Warehouses)}?$format=json")).StatusCode);

        Assert.Contains(HttpStatusCode.OK, statuses);
        Assert.Contains(statuses, s => (int)s >= 500);
    }

    [Fact]
    public async Task force_429_refuses_every_moysklad_request_with_code_1049_and_retry_after()
    {
        await using var sim = await Sim.StartAsync(o => o.Faults.MoySklad = new FaultSettings { Force429 = true });

        var response = await sim.MoySkladBearer().GetAsync("entity/store");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(1049, (await response.JsonAsync()).FirstError()["code"]!.GetValue<int>());
        Assert.True(long.Parse(response.Header("X-Lognex-Retry-After")) > 0);
    }

    [Fact]
    public async Task html_errors_turn_an_injected_moysklad_error_into_a_502_page()
    {
        await using var sim = await Sim.StartAsync(o => o.Faults.MoySklad = new FaultSettings { ErrorRate = 1, HtmlErrors = true });

        var response = await sim.MoySkladBearer().GetAsync("entity/store");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("<html><body><h1>502 Bad Gateway</h1></body></html>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task html_errors_also_cover_a_rate_limit_refusal()
    {
        await using var sim = await Sim.StartAsync(o => o.Faults.MoySklad = new FaultSettings { Force429 = true, HtmlErrors = true });

        var response = await sim.MoySkladBearer().GetAsync("entity/store");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("429", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task fail_post_leaves_an_unposted_document_findable_by_its_marker()
    {
        await using var sim = await Sim.StartAsync(o => o.Faults.OneC = new FaultSettings { FailPost = true });
        var client = sim.OneC();
        var marker = $"hub:{Guid.NewGuid()}";
        var created = await (await client.PostAsync(OneCDocuments.Collection, OneCDocuments.Body(sim, marker).Json())).JsonAsync();

        var failed = await client.PostAsync(OneCDocuments.Post(created["Ref_Key"].Str()), null);
        var found = await (await client.GetAsync(OneCDocuments.FindByComment(marker))).JsonAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal("-1", (await failed.JsonAsync())["odata.error"]!["code"].Str());
        var document = Assert.Single(found["value"]!.AsArray())!;
        Assert.Equal(created["Ref_Key"].Str(), document["Ref_Key"].Str());
        Assert.False(document["Posted"]!.GetValue<bool>());

        // Recovery is posting the found document, not creating another one.
        sim.Server.Faults.OneC = FaultSettings.None;
        var retried = await client.PostAsync(OneCDocuments.Post(document["Ref_Key"].Str()), null);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        var only = Assert.Single(sim.Server.State.TransferOrders);
        Assert.True(only.Posted);
        Assert.Equal(2, only.PostAttempts);
    }

    [Fact]
    public async Task html_errors_on_1c_replace_the_odata_error_of_a_failed_post()
    {
        await using var sim = await Sim.StartAsync(o => o.Faults.OneC = new FaultSettings { FailPost = true, HtmlErrors = true });
        var client = sim.OneC();
        var created = await (await client.PostAsync(OneCDocuments.Collection, OneCDocuments.Body(sim, "hub:html").Json())).JsonAsync();

        var failed = await client.PostAsync(OneCDocuments.Post(created["Ref_Key"].Str()), null);

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal("text/html", failed.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("<html>", await failed.Content.ReadAsStringAsync());
    }
}
