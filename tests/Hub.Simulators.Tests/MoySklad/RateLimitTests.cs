using System.Net;
using Hub.Simulators.Faults;
using Hub.Simulators.Tests.Infrastructure;

namespace Hub.Simulators.Tests.MoySklad;

public sealed class RateLimitTests
{
    [Fact]
    public async Task every_answer_carries_the_rate_headers_in_milliseconds()
    {
        await using var sim = await Sim.StartAsync();

        var response = await sim.MoySkladBearer().GetAsync("entity/store");

        Assert.Equal("45", response.Header("X-RateLimit-Limit"));
        Assert.Equal("44", response.Header("X-RateLimit-Remaining"));
        Assert.Equal("3000", response.Header("X-Lognex-Retry-TimeInterval"));
        Assert.InRange(long.Parse(response.Header("X-Lognex-Reset")), 1, 3000);
    }

    [Fact]
    public async Task a_burst_of_60_bearer_requests_within_one_window_gets_429_with_code_1049()
    {
        // A long window keeps the whole burst inside one window however slow the machine is.
        await using var sim = await Sim.StartAsync(o => o.RateWindow = TimeSpan.FromSeconds(60));
        var client = sim.MoySkladBearer();

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 60; i++) responses.Add(await client.GetAsync("entity/store"));

        Assert.Equal(45, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        var refused = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.Equal(15, refused.Count);
        foreach (var response in refused)
        {
            Assert.Equal(1049, (await response.JsonAsync()).FirstError()["code"]!.GetValue<int>());
            Assert.InRange(long.Parse(response.Header("X-Lognex-Retry-After")), 1, 60_000);
            Assert.Equal("0", response.Header("X-RateLimit-Remaining"));
        }

        var counters = await sim.InspectAsync("_sim/requests");
        Assert.Equal(15, counters["moysklad"]!["rateLimited"]!.GetValue<long>());
    }

    [Fact]
    public async Task basic_requests_cost_four_units_as_a_user_login_does_from_december_2026()
    {
        await using var sim = await Sim.StartAsync(o => o.RateWindow = TimeSpan.FromSeconds(60));
        var client = sim.MoySkladBasic();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++) statuses.Add((await client.GetAsync("entity/store")).StatusCode);

        // 45 units: eleven logins of 4, the twelfth refused.
        Assert.Equal(11, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task stock_reports_cost_five_units()
    {
        await using var sim = await Sim.StartAsync(o => o.RateWindow = TimeSpan.FromSeconds(60));

        var response = await sim.MoySkladBearer().GetAsync("report/stock/bystore");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("40", response.Header("X-RateLimit-Remaining"));
    }

    [Fact]
    public async Task each_credential_has_its_own_bucket()
    {
        await using var sim = await Sim.StartAsync(o =>
        {
            o.RateWindow = TimeSpan.FromSeconds(60);
            o.RateBucketUnits = 4;
        });
        var bearer = sim.MoySkladBearer();
        for (var i = 0; i < 4; i++) await bearer.GetAsync("entity/store");

        var exhausted = await bearer.GetAsync("entity/store");
        var other = await sim.MoySkladBasic().GetAsync("entity/store");

        Assert.Equal(HttpStatusCode.TooManyRequests, exhausted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task the_bucket_accepts_requests_again_after_the_advertised_retry_after()
    {
        await using var sim = await Sim.StartAsync(o =>
        {
            o.RateWindow = TimeSpan.FromMilliseconds(400);
            o.RateBucketUnits = 2;
        });
        var client = sim.MoySkladBearer();
        HttpResponseMessage refused;
        do refused = await client.GetAsync("entity/store");
        while (refused.StatusCode == HttpStatusCode.OK);

        await Task.Delay(TimeSpan.FromMilliseconds(long.Parse(refused.Header("X-Lognex-Retry-After")) + 20));
        var retried = await client.GetAsync("entity/store");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
    }

    [Fact]
    public async Task more_than_five_parallel_requests_get_429_with_code_1073()
    {
        await using var sim = await Sim.StartAsync(o => o.Faults.MoySklad = new FaultSettings { LatencyMs = 500 });
        var client = sim.MoySkladBearer();

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.GetAsync("entity/store")));

        var parallelRefusals = new List<HttpResponseMessage>();
        foreach (var response in responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests))
        {
            Assert.Equal(1073, (await response.JsonAsync()).FirstError()["code"]!.GetValue<int>());
            parallelRefusals.Add(response);
        }

        Assert.NotEmpty(parallelRefusals);
        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.TooManyRequests }));
        var counters = await sim.InspectAsync("_sim/requests");
        Assert.Equal(parallelRefusals.Count, counters["moysklad"]!["parallelLimited"]!.GetValue<long>());
    }
}
