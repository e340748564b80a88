using Hub.Tests.Infrastructure;

namespace Hub.Tests.Integrations.MoySklad;

/// <summary>МойСклад returns at most 1000 rows a page; a list longer than that must come back whole, each row once.</summary>
public sealed class PagingTests
{
    [Fact]
    public async Task products_past_a_thousand_are_all_returned_each_once_by_following_the_pages()
    {
        await using var h = await ClientHarness.StartAsync(o => o.ItemCount = 2345);
        var expected = h.Sim.State.Catalogue.Items.Select(i => i.ProductId.ToString()).ToHashSet();

        var products = await h.MoySklad.GetProductsAsync(null, CancellationToken.None);

        Assert.Equal(2345, products.Count);
        Assert.Equal(products.Count, products.Select(p => p.Ref.Id).Distinct().Count());
        Assert.True(expected.SetEquals(products.Select(p => p.Ref.Id)));
        Assert.Equal(["?limit=1000&offset=0", "?limit=1000&offset=1000", "?limit=1000&offset=2000"],
            h.Sim.State.Requests.MoySklad.Log.Select(e => e.Query).ToArray());
    }

    [Fact]
    public async Task a_filter_is_sent_encoded_and_finds_the_one_product_among_many_pages()
    {
        await using var h = await ClientHarness.StartAsync(o => o.ItemCount = 1500);
        var item = h.Sim.State.Catalogue.Items[1234];

        // Products carry the 1C Ref_Key as their externalCode: the link between the two systems.
        var found = await h.MoySklad.FindProductByExternalCodeAsync(item.RefKey.ToString(), CancellationToken.None);

        Assert.Equal(item.Name, found?.Ref.Name);
        Assert.Equal(1, h.Sim.State.Requests.MoySklad.Total);
    }
}
