using System.Net;
using Hub.Contracts.Logging;
using Hub.Integrations.Http;
using Hub.Integrations.MoySklad;
using Hub.Simulators.Faults;
using Hub.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hub.Tests.Integrations.MoySklad;

/// <summary>Whatever shape an error body has, the caller gets one typed error; 4xx are final, 5xx are tried again.</summary>
public sealed class ErrorTests
{
    [Fact]
    public async Task a_json_error_gives_its_code_text_and_parameter_and_a_4xx_is_sent_once()
    {
        await using var h = await ClientHarness.StartAsync();

        var error = await Assert.ThrowsAsync<ExternalApiException>(() => h.MoySklad.GetProductsAsync("colour=red", CancellationToken.None));

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Equal("1034", error.Code);
        Assert.Equal("filter", error.Parameter);
        Assert.Equal("Ошибка фильтрации: неизвестное поле фильтрации 'colour'", error.Text);
        Assert.False(error.IsTransient);
        Assert.Equal(1, h.Sim.State.Requests.MoySklad.Total);
    }

    [Fact]
    public async Task a_refused_create_names_the_field_and_is_not_repeated()
    {
        await using var h = await ClientHarness.StartAsync();
        var product = (await h.MoySklad.GetProductsAsync(null, CancellationToken.None))[0];
        var gone = product.Ref with { Id = Guid.NewGuid().ToString(), Href = product.Ref.Href[..product.Ref.Href.LastIndexOf('/')] + "/" + Guid.NewGuid() };

        var error = await Assert.ThrowsAsync<ExternalApiException>(() => h.MoySklad.CreateCustomerOrderAsync(
            new CustomerOrderRequest(Guid.NewGuid(), "hub-bad", "x", [new CustomerOrderLine(gone, 1)]), CancellationToken.None));

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Equal("1021", error.Code);
        Assert.Equal("assortment", error.Parameter);
        Assert.Single(h.Sim.State.Requests.MoySklad.Log, e => e.Method == "POST");
        Assert.Empty(h.Sim.State.CustomerOrders);
    }

    [Fact]
    public async Task an_html_error_page_becomes_a_typed_error_with_its_heading()
    {
        await using var h = await ClientHarness.StartAsync(o => o.Faults.MoySklad = new FaultSettings { HtmlErrors = true });

        var error = await Assert.ThrowsAsync<ExternalApiException>(() => h.MoySklad.GetProductsAsync("colour=red", CancellationToken.None));

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Null(error.Code);
        Assert.Equal("HTML error page: 400 Bad Request", error.Text);
        Assert.Equal(1, h.Sim.State.Requests.MoySklad.Total);
    }

    [Fact]
    public async Task an_empty_error_body_falls_back_to_the_reason_phrase()
    {
        // A handler that does not decompress sends no Accept-Encoding: МойСклад answers 415 with nothing in the body.
        await using var h = await ClientHarness.StartAsync();
        var options = h.Services.GetRequiredService<IOptions<MoySkladOptions>>();
        using var plain = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None });
        var client = new MoySkladClient(plain, options, new MoySkladThrottle(options.Value), new MoySkladReferences(), TimeProvider.System);

        var error = await Assert.ThrowsAsync<ExternalApiException>(() => client.GetStoresAsync(CancellationToken.None));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, error.Status);
        Assert.Null(error.Code);
        Assert.Equal("Unsupported Media Type", error.Text);
        Assert.False(error.IsTransient);
        Assert.Equal(1, h.Sim.State.Requests.MoySklad.Total);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task a_5xx_is_tried_again_and_then_reported_with_its_body(bool html)
    {
        await using var h = await ClientHarness.StartAsync(o => o.Faults.MoySklad = new FaultSettings { ErrorRate = 1, HtmlErrors = html },
            s => s["MoySklad:ReadRetries"] = "2");

        var error = await Assert.ThrowsAsync<ExternalApiException>(() => h.MoySklad.GetStoresAsync(CancellationToken.None));

        Assert.True(error.IsTransient);
        if (html)
        {
            Assert.Equal(HttpStatusCode.BadGateway, error.Status);
            Assert.Equal("HTML error page: 502 Bad Gateway", error.Text);
        }
        else
        {
            Assert.Contains(error.Status, new HttpStatusCode?[] { HttpStatusCode.InternalServerError, HttpStatusCode.ServiceUnavailable });
            Assert.Contains(error.Code, new[] { "1095", "1074" });
        }
        Assert.Equal(1 + 2, h.Sim.State.Requests.MoySklad.Total);
    }

    [Fact]
    public async Task a_429_that_arrives_as_an_html_page_is_still_waited_out_by_its_headers_and_tried_again()
    {
        await using var h = await ClientHarness.StartAsync(o => o.Faults.MoySklad = new FaultSettings { Force429 = true, HtmlErrors = true });
        var stores = h.MoySklad.GetStoresAsync(CancellationToken.None);

        await ClientHarness.UntilAsync(() => h.Sim.State.Requests.MoySklad.TooManyRequests >= 1, "the first 429");
        h.Sim.Faults.Reset();

        Assert.Equal(5, (await stores).Count);
        var log = h.Sim.State.Requests.MoySklad.Log;
        Assert.Equal(200, log[^1].Status);
        Assert.All(log.SkipLast(1), e => Assert.Equal(429, e.Status));
        Assert.Equal(LogStatuses.Retrying, h.Logs.Entries.First().Status);
    }

    [Fact]
    public async Task a_5xx_followed_by_an_answer_is_not_an_error()
    {
        await using var h = await ClientHarness.StartAsync(o => o.Faults.MoySklad = new FaultSettings { ErrorRate = 1 });
        var stores = h.MoySklad.GetStoresAsync(CancellationToken.None);

        await ClientHarness.UntilAsync(() => h.Sim.State.Requests.MoySklad.InjectedErrors >= 1, "the first 5xx");
        h.Sim.Faults.Reset();

        Assert.Equal(5, (await stores).Count);
        var log = h.Sim.State.Requests.MoySklad.Log;
        Assert.Equal(200, log[^1].Status);
        Assert.NotEmpty(log.SkipLast(1));
        Assert.All(log.SkipLast(1), e => Assert.True(e.Status >= 500, $"status {e.Status}"));
    }
}
