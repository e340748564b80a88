using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Hub.Simulators.Tests.Infrastructure;

namespace Hub.Simulators.Tests.MoySklad;

public sealed class CompressionTests
{
    [Fact]
    public async Task requests_without_gzip_get_415_with_an_empty_body()
    {
        await using var sim = await Sim.StartAsync();
        var client = sim.MoySklad(new AuthenticationHeaderValue("Bearer", sim.Options.MoySkladToken), gzip: false);

        var response = await client.GetAsync("entity/store");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task accepting_only_deflate_is_refused_like_no_compression_at_all()
    {
        await using var sim = await Sim.StartAsync();
        var client = sim.MoySklad(new AuthenticationHeaderValue("Bearer", sim.Options.MoySkladToken), gzip: false);
        client.DefaultRequestHeaders.AcceptEncoding.Add(new StringWithQualityHeaderValue("deflate"));

        var response = await client.GetAsync("entity/store");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task responses_are_gzip_compressed_when_gzip_is_accepted()
    {
        await using var sim = await Sim.StartAsync();
        var client = sim.Raw();
        var request = new HttpRequestMessage(HttpMethod.Get, "api/remap/1.2/entity/store");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", sim.Options.MoySkladToken);
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("gzip", response.Content.Headers.ContentEncoding);
        await using var gzip = new GZipStream(await response.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
        var body = await JsonNode.ParseAsync(gzip);
        Assert.Equal(5, body!["meta"]!["size"]!.GetValue<int>());
    }
}
