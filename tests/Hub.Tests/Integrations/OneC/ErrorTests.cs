using System.Net;
using Hub.Integrations.Http;
using Hub.Integrations.OneC;
using Hub.Simulators.Faults;
using Hub.Tests.Infrastructure;

namespace Hub.Tests.Integrations.OneC;

/// <summary>odata.error, HTML pages and plain text all become one typed error; 4xx are final, 5xx of reads are tried again.</summary>
public sealed class ErrorTests
{
    [Fact]
    public async Task an_odata_error_gives_its_code_and_message_and_a_refused_create_is_sent_once()
    {
        await using var h = await ClientHarness.StartAsync();
        var missing = Guid.NewGuid();
        var order = TransferOrders.Request(h, $"hub:{Guid.NewGuid()}") with { FromWarehouse = missing };

        var error = await Assert.ThrowsAsync<ExternalApiException>(() => h.OneC.CreateTransferOrderAsync(order, CancellationToken.None));

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Equal("13", error.Code);
        Assert.Equal($"Ошибка проверки данных: поле 'СкладОтправитель_Key' ссылается на несуществующий объект Catalog_Склады (guid'{missing}')", error.Text);
        Assert.False(error.IsTransient);
        Assert.Single(h.Sim.State.Requests.OneC.Log, e => e.Method == "POST");
        Assert.Empty(h.Sim.State.TransferOrders);
    }

    [Fact]
    public async Task a_set_that_is_not_published_is_a_404_with_code_9_sent_once()
    {
        await using var h = await ClientHarness.StartAsync(settings: s => s["OneC:WarehousesSet"] = "Catalog_СкладыИМагазины");

        var error = await Assert.ThrowsAsync<ExternalApiException>(() => h.OneC.GetWarehousesAsync(CancellationToken.None));

        Assert.Equal(HttpStatusCode.NotFound, error.Status);
        Assert.Equal("9", error.Code);
        Assert.Equal("Не найден ресурс 'Catalog_СкладыИМагазины'", error.Text);
        Assert.Equal(1, h.Sim.State.Requests.OneC.Total);
    }

    [Fact]
    public async Task an_html_error_page_becomes_a_typed_error_with_its_heading()
    {
        await using var h = await ClientHarness.StartAsync(o => o.Faults.OneC = new FaultSettings { HtmlErrors = true },
            s => s["OneC:WarehousesSet"] = "Catalog_СкладыИМагазины");

        var error = await Assert.ThrowsAsync<ExternalApiException>(() => h.OneC.GetWarehousesAsync(CancellationToken.None));

        Assert.Equal(HttpStatusCode.NotFound, error.Status);
        Assert.Null(error.Code);
        Assert.Equal("HTML error page: 404 Not Found", error.Text);
        Assert.Equal(1, h.Sim.State.Requests.OneC.Total);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task a_5xx_of_a_read_is_tried_again_and_then_reported_with_its_body(bool html)
    {
        await using var h = await ClientHarness.StartAsync(o => o.Faults.OneC = new FaultSettings { ErrorRate = 1, HtmlErrors = html },
            s => s["OneC:ReadRetries"] = "2");

        var error = await Assert.ThrowsAsync<ExternalApiException>(() => h.OneC.GetWarehousesAsync(CancellationToken.None));

        Assert.True(error.IsTransient);
        if (html)
        {
            Assert.Equal(HttpStatusCode.BadGateway, error.Status);
            Assert.Equal("HTML error page: 502 Bad Gateway", error.Text);
        }
        else
        {
            Assert.Equal("-1", error.Code);
            Assert.Equal("Внутренняя ошибка сервера 1С:Предприятия", error.Text);
        }
        Assert.Equal(1 + 2, h.Sim.State.Requests.OneC.Total);
    }

    [Fact]
    public async Task a_5xx_of_a_create_is_not_repeated_by_the_client_because_only_the_marker_lookup_can_tell_what_happened()
    {
        await using var h = await ClientHarness.StartAsync(o => o.Faults.OneC = new FaultSettings { ErrorRate = 1, Methods = "POST" });

        var error = await Assert.ThrowsAsync<ExternalApiException>(() =>
            h.OneC.CreateTransferOrderAsync(TransferOrders.Request(h, $"hub:{Guid.NewGuid()}"), CancellationToken.None));

        Assert.True(error.IsTransient);
        // Reads before it (the marker lookup, the organization, the priority, $metadata), then the one create that failed.
        var log = h.Sim.State.Requests.OneC.Log;
        Assert.Equal("POST", log[^1].Method);
        Assert.Single(log, e => e.Method == "POST");
    }
}
