using System.Text.Json;
using Alba;
using Hub.Contracts.Paging;
using Hub.Logs.Api;
using Hub.Logs.Querying;
using Hub.Logs.SearchLogs;
using Hub.Tests.Infrastructure;
using Hub.Tests.Logs.Ingest;
using Marten;

namespace Hub.Tests.Logs.SearchLogs;

/// <summary>
/// The API's pages are written from the records' stored JSON: page after page they must say exactly what the records
/// read back and serialised would say (every member, nulls, Cyrillic, emoji, escapes, big numbers, nested payloads),
/// with the same cursors.
/// </summary>
[Collection(LogsCollection.Name)]
public sealed class SearchLogsJsonTests(LogsFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(null)]
    [InlineData("Остаток")]
    public async Task every_page_of_the_api_says_what_the_records_read_back_would_say(string? text)
    {
        var marker = "json-pages-" + Guid.NewGuid().ToString("N")[..8];
        var random = new Random(20261204);
        using var client = fixture.Client(TestKeys.Ingest);
        var stored = 0;
        for (var i = 0; i < 60; i++)
        {
            var (body, items) = FuzzCorpus.JsonBatch(random, marker);
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new("application/json");
            if ((await client.PostAsync("/api/v1/logs", content)).StatusCode == System.Net.HttpStatusCode.Accepted) stored += items;
        }
        Assert.True(stored > 200, $"only {stored} records stored");

        var filter = new LogFilter { Process = marker, Text = text };
        string? next = null;
        var pages = 0;
        var compared = 0;
        do
        {
            var url = $"/api/v1/logs?process={marker}&page_size=37" + (text is null ? "" : $"&text={Uri.EscapeDataString(text)}") + (next is null ? "" : $"&next={next}");
            var page = await (await fixture.Host.Scenario(s => { s.Get.Url(url); s.StatusCodeShouldBeOk(); })).ReadJsonAsync();

            await using var session = fixture.Store.QuerySession();
            var expected = await SearchLogsHandler.Handle(new Hub.Logs.SearchLogs.SearchLogs(filter, 37, KeysetCursor.After(next)), session, CancellationToken.None);
            var items = page.GetProperty("items").EnumerateArray().ToList();
            Assert.Equal(expected.Items.Count, items.Count);
            for (var i = 0; i < items.Count; i++)
            {
                var want = JsonSerializer.SerializeToElement(expected.Items[i], LogJson.Options);
                Assert.True(JsonElement.DeepEquals(want, items[i]), $"record {expected.Items[i].Id}:\nread back: {want.GetRawText()}\nsent:      {items[i].GetRawText()}");
                compared++;
            }
            next = page.GetProperty("next").GetString();
            Assert.Equal(expected.Next, next);
            Assert.Equal(37, page.GetProperty("page_size").GetInt32());
            pages++;
        } while (next is not null);

        Assert.True(compared > (text is null ? 200 : 5), $"{compared} records compared on {pages} pages");
    }
}
