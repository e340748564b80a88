using Hub.Integrations.MoySklad;
using Hub.Simulators.State;
using Hub.Tests.Infrastructure;

namespace Hub.Tests.Integrations.MoySklad;

/// <summary>МойСклад refuses requests without Accept-Encoding: gzip (415, empty body) and answers compressed.</summary>
public sealed class CompressionTests
{
    [Fact]
    public async Task every_request_offers_gzip_and_compressed_answers_are_read_intact()
    {
        await using var h = await ClientHarness.StartAsync();
        var catalogue = h.Sim.State.Catalogue;

        await h.MoySklad.PingAsync(CancellationToken.None);
        var products = await h.MoySklad.GetProductsAsync(null, CancellationToken.None);
        var stock = await h.MoySklad.GetStockByStoreAsync(CancellationToken.None);
        await h.MoySklad.CreateCustomerOrderAsync(new CustomerOrderRequest(Guid.NewGuid(), "hub-gzip", "сжатие", [new CustomerOrderLine(products[0].Ref, 1)]), CancellationToken.None);

        var log = h.Sim.State.Requests.MoySklad.Log;
        Assert.True(log.Count >= 7, $"{log.Count} requests");
        Assert.All(log, e =>
        {
            Assert.Contains("gzip", e.AcceptEncoding);
            Assert.Equal(RequestOutcome.Answered, e.Outcome);
            Assert.Equal(200, e.Status);
            Assert.Equal("gzip", e.ContentEncoding);
        });
        // Cyrillic names with quotes and inch marks survive decompression and JSON parsing.
        Assert.Equal(catalogue.Items.Select(i => (i.ProductId.ToString(), i.Name)).Order(), products.Select(p => (p.Ref.Id, p.Ref.Name)).Order());
        Assert.Contains(stock, s => s.StoreName == "Бестужевых");
    }

    [Fact]
    public async Task the_1c_client_offers_gzip_too()
    {
        await using var h = await ClientHarness.StartAsync();

        await h.OneC.GetWarehousesAsync(CancellationToken.None);
        await h.OneC.GetBalancesAsync(CancellationToken.None);

        Assert.All(h.Sim.State.Requests.OneC.Log, e => Assert.Contains("gzip", e.AcceptEncoding));
    }
}
