using System.Net;
using Hub.Integrations.Http;
using Hub.Tests.Infrastructure;

namespace Hub.Tests.Integrations.OneC;

public sealed class AuthenticationTests
{
    [Fact]
    public async Task user_and_password_are_sent_as_basic()
    {
        await using var h = await ClientHarness.StartAsync();

        var ping = await h.OneC.PingAsync(CancellationToken.None);

        Assert.Equal(h.Sim.State.Catalogue.Stores.Count(), ping.Warehouses);
    }

    [Fact]
    public async Task a_cyrillic_user_and_password_are_sent_as_utf8()
    {
        // 1C users are usually named in Russian ("Администратор"), and their passwords may be too.
        await using var h = await ClientHarness.StartAsync(o =>
        {
            o.OneCUser = "Администратор";
            o.OneCPassword = "пароль-1С";
        });

        var warehouses = await h.OneC.GetWarehousesAsync(CancellationToken.None);

        Assert.Equal(h.Sim.State.Catalogue.Stores.Count(), warehouses.Count);
    }

    [Theory]
    [InlineData("OneC:Password", "wrong")]
    [InlineData("OneC:User", "Администратор")]
    public async Task a_wrong_credential_is_a_typed_401_from_the_web_server_and_is_not_retried(string setting, string value)
    {
        await using var h = await ClientHarness.StartAsync(settings: s => s[setting] = value);

        var error = await Assert.ThrowsAsync<ExternalApiException>(() => h.OneC.GetWarehousesAsync(CancellationToken.None));

        Assert.Equal("1c", error.System);
        Assert.Equal(HttpStatusCode.Unauthorized, error.Status);
        // The web server in front of 1C answers in plain text, not odata.error.
        Assert.Null(error.Code);
        Assert.Equal("401 Unauthorized: Basic authentication required", error.Text);
        Assert.False(error.IsTransient);
        Assert.Equal(1, h.Sim.State.Requests.OneC.Total);
    }
}
