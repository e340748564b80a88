using System.Net;
using Hub.Simulators.Tests.Infrastructure;

namespace Hub.Simulators.Tests.OneC;

public sealed class AuthenticationTests
{
    [Fact]
    public async Task requests_without_credentials_get_401_with_a_basic_challenge()
    {
        await using var sim = await Sim.StartAsync();
        var client = sim.OneC();
        client.DefaultRequestHeaders.Authorization = null;

        var response = await client.GetAsync($"{OneCPaths.Encode(OneCPaths.Warehouses)}?$format=json");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType!.ToString());
    }

    [Fact]
    public async Task a_wrong_password_gets_401()
    {
        await using var sim = await Sim.StartAsync();

        var response = await sim.OneC(password: "wrong").GetAsync($"{OneCPaths.Encode(OneCPaths.Warehouses)}?$format=json");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
