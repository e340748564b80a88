using System.Net;
using Hub.Integrations.Http;
using Hub.Tests.Infrastructure;

namespace Hub.Tests.Integrations.MoySklad;

public sealed class AuthenticationTests
{
    [Fact]
    public async Task a_token_is_sent_as_bearer_and_costs_one_unit()
    {
        await using var h = await ClientHarness.StartAsync();

        var ping = await h.MoySklad.PingAsync(CancellationToken.None);

        Assert.Equal(1, ping.Organizations);
        // The simulator charges a token 1 unit of 45, a login 3: what is left says which credential went out.
        Assert.Equal("44", ping.RateLimitRemaining);
    }

    [Fact]
    public async Task login_and_password_are_sent_as_basic_when_there_is_no_token()
    {
        await using var h = await ClientHarness.StartAsync(settings: s => s["MoySklad:Token"] = null);

        var ping = await h.MoySklad.PingAsync(CancellationToken.None);
        var stores = await h.MoySklad.GetStoresAsync(CancellationToken.None);

        // A login costs 4 units of the 45 from 2026-12-01 (3 before): the simulator charges what МойСклад charges today.
        Assert.Equal((45 - Hub.Simulators.MoySklad.MoySkladAuth.BasicCost).ToString(), ping.RateLimitRemaining);
        Assert.Equal(5, stores.Count);
    }

    [Theory]
    [InlineData("token")]
    [InlineData("password")]
    public async Task a_wrong_credential_is_a_typed_401_and_is_not_retried(string which)
    {
        await using var h = await ClientHarness.StartAsync(settings: s =>
        {
            if (which == "token") s["MoySklad:Token"] = "not-the-token";
            else
            {
                s["MoySklad:Token"] = null;
                s["MoySklad:Password"] = "wrong";
            }
        });

        var error = await Assert.ThrowsAsync<ExternalApiException>(() => h.MoySklad.GetStoresAsync(CancellationToken.None));

        Assert.Equal("moysklad", error.System);
        Assert.Equal(HttpStatusCode.Unauthorized, error.Status);
        Assert.Equal("1056", error.Code);
        Assert.StartsWith("Ошибка аутентификации", error.Text);
        Assert.False(error.IsTransient);
        Assert.Equal(1, h.Sim.State.Requests.MoySklad.Total);
    }
}
