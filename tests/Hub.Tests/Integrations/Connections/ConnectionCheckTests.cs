using Hub.Integrations.Connections;
using Hub.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Tests.Integrations.Connections;

/// <summary>The connection check behind check-connections and the Health page, against a simulator over real HTTP.</summary>
public sealed class ConnectionCheckTests
{
    [Fact]
    public async Task both_systems_answer_ok_with_the_round_trip_and_the_answer_is_kept()
    {
        await using var h = await ClientHarness.StartAsync();
        var check = h.Services.GetRequiredService<ConnectionCheck>();
        Assert.Null(check.Last);

        var results = await check.RunAsync();

        Assert.Equal(["moysklad", "1c"], results.Select(r => r.System));
        Assert.All(results, r =>
        {
            Assert.Equal(ConnectionOutcome.Ok, r.Outcome);
            Assert.NotNull(r.ElapsedMs);
            Assert.Matches(@"^\S+\s+OK\s+\d+ ms  http://", r.ConsoleLine());
        });
        Assert.Same(results, check.Last);
        Assert.False(check.Running);
    }

    [Fact]
    public async Task whoever_asks_while_a_check_runs_gets_that_checks_answer()
    {
        await using var h = await ClientHarness.StartAsync();
        var check = h.Services.GetRequiredService<ConnectionCheck>();

        var first = check.RunAsync();
        var second = check.RunAsync();

        Assert.Same(await first, await second);
        Assert.NotSame(await first, await check.RunAsync());
    }

    [Fact]
    public async Task a_configured_secret_is_masked_wherever_the_answer_would_show_it()
    {
        // The token authenticates; the password, unused, happens to be the organization's name the answer repeats.
        await using var h = await ClientHarness.StartAsync(settings: s => s["MoySklad:Password"] = "ООО Симулятор");

        var moySklad = (await h.Services.GetRequiredService<ConnectionCheck>().RunAsync())[0];

        Assert.Equal(ConnectionOutcome.Ok, moySklad.Outcome);
        Assert.Contains("organization '***'", moySklad.Text);
        Assert.DoesNotContain("ООО Симулятор", moySklad.ConsoleLine());
    }

    [Fact]
    public async Task a_system_without_credentials_is_not_asked_and_says_what_to_set()
    {
        await using var h = await ClientHarness.StartAsync(settings: s => s["OneC:User"] = null);

        var oneC = (await h.Services.GetRequiredService<ConnectionCheck>().RunAsync())[1];

        Assert.Equal(ConnectionOutcome.NotConfigured, oneC.Outcome);
        Assert.Null(oneC.ElapsedMs);
        Assert.Equal("1C        FAILED  not configured: set OneC:BaseUrl, OneC:User and OneC:Password", oneC.ConsoleLine());
        Assert.Equal(0, h.Sim.State.Requests.OneC.Total);
    }

    [Theory]
    [InlineData("https://hub:s3cret@1c.example/ut11", "https://1c.example/ut11")]
    [InlineData("https://api.moysklad.ru/api/remap/1.2", "https://api.moysklad.ru/api/remap/1.2")]
    [InlineData("not a url", "not a url")]
    public void an_address_is_shown_without_a_user_and_password_written_into_it(string configured, string shown)
    {
        Assert.Equal(shown, ConnectionCheck.WithoutCredentials(configured));
    }
}
