using System.Net;
using System.Net.Http.Headers;
using Hub.Simulators.Tests.Infrastructure;

namespace Hub.Simulators.Tests.MoySklad;

public sealed class AuthenticationTests
{
    [Fact]
    public async Task requests_without_credentials_get_401_with_error_1056()
    {
        await using var sim = await Sim.StartAsync();

        var response = await sim.MoySklad(authorization: null).GetAsync("entity/store");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var error = (await response.JsonAsync()).FirstError();
        Assert.Equal(1056, error["code"]!.GetValue<int>());
        Assert.Equal("Ошибка аутентификации: Неправильный пароль или имя пользователя или ключ авторизации", error["error"].Str());
    }

    [Fact]
    public async Task a_wrong_token_or_password_gets_401()
    {
        await using var sim = await Sim.StartAsync();

        var wrongToken = await sim.MoySklad(new AuthenticationHeaderValue("Bearer", "not-the-token")).GetAsync("entity/store");
        var wrongPassword = await sim.MoySklad(Sim.Basic(sim.Options.MoySkladLogin, "nope")).GetAsync("entity/store");

        Assert.Equal(HttpStatusCode.Unauthorized, wrongToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
    }

    [Fact]
    public async Task bearer_token_and_basic_login_both_work()
    {
        await using var sim = await Sim.StartAsync();

        var bearer = await sim.MoySkladBearer().GetAsync("entity/store");
        var basic = await sim.MoySkladBasic().GetAsync("entity/store");

        Assert.Equal(HttpStatusCode.OK, bearer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, basic.StatusCode);
        Assert.Equal(5, (await basic.JsonAsync())["rows"]!.AsArray().Count);
    }

    [Fact]
    public async Task a_token_issued_for_basic_credentials_works_as_bearer()
    {
        await using var sim = await Sim.StartAsync();

        var issued = await sim.MoySkladBasic().PostAsync("security/token", null);
        var token = (await issued.JsonAsync())["access_token"].Str();
        var response = await sim.MoySklad(new AuthenticationHeaderValue("Bearer", token)).GetAsync("entity/organization");

        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task a_token_cannot_be_requested_with_a_bearer_token()
    {
        await using var sim = await Sim.StartAsync();

        var response = await sim.MoySkladBearer().PostAsync("security/token", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
