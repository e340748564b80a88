using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Hub.Logs.Writing;
using Hub.Tests.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Tests.Logs.Ingest;

/// <summary>
/// Both ingestion endpoints over a generated corpus of what breaks JSON stores (NUL, lone surrogates, repeated keys,
/// numbers beyond any type, deep nesting, wrong types, out-of-range fields, invalid UTF-8, cut-off bodies, huge strings):
/// never a 5xx, a batch stored whole or not at all, and afterwards the writer healthy and every page readable.
/// The corpus is seeded, so a failure repeats; HUB_FUZZ_BODIES sets its size (300 per endpoint by default).
/// </summary>
[Collection(LogsCollection.Name)]
public sealed class IngestFuzzTests(LogsFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private static readonly int Bodies = int.TryParse(Environment.GetEnvironmentVariable("HUB_FUZZ_BODIES"), out var n) ? n : 300;

    [Fact]
    public async Task no_generated_body_gets_a_5xx_each_batch_is_stored_whole_or_not_at_all_and_every_page_reads_afterwards()
    {
        var random = new Random(14);
        using var client = fixture.Client(TestKeys.Ingest);
        var statuses = new Dictionary<int, int>();
        for (var i = 0; i < Bodies; i++)
        {
            var marker = $"fuzz-{i}";
            var (bytes, items) = FuzzCorpus.JsonBatch(random, marker);
            var response = await client.PostAsync("/api/v1/logs", Content(bytes, "application/json"));
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            Assert.True(status < 500, $"body {i} got {status}: {Preview(bytes)}");
            var reply = await response.Content.ReadAsStringAsync();
            Assert.False(reply.Contains(Hub.Logs.Ingest.IngestLogsHandler.NotNormalised), reply);
            var stored = await CountAsync(marker);
            if (status == 202)
            {
                using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                Assert.Equal(doc.RootElement.GetProperty("count").GetInt32(), stored);
                Assert.Equal(items, stored);
            }
            else Assert.Equal(0, stored);
        }
        Assert.True(statuses.GetValueOrDefault(202) > Bodies / 10, string.Join(", ", statuses));
        Assert.True(statuses.GetValueOrDefault(400) > 0, string.Join(", ", statuses));

        for (var i = 0; i < Bodies; i++)
        {
            var marker = $"fuzz-seq-{i}";
            var (bytes, lines) = FuzzCorpus.ClefBatch(random, marker);
            var before = await CountAsync("seq");
            var response = await client.PostAsync("/api/events/raw", Content(bytes, i % 2 == 0 ? "application/vnd.serilog.clef" : "application/json"));
            var status = (int)response.StatusCode;
            Assert.True(status < 500, $"seq body {i} got {status} ({await response.Content.ReadAsStringAsync()}): {Preview(bytes)}");
            var answer = await response.Content.ReadAsStringAsync();
            Assert.False(answer.Contains(Hub.Logs.Ingest.IngestLogsHandler.NotNormalised), answer);
            var stored = await CountAsync(marker) + await CountAsync("seq") - before;
            // Every line is stored once, as itself or as a warning saying why it could not be read; a refused body stores none.
            Assert.Equal(status == 201 ? lines : 0, stored);
        }

        await AssertEverythingReadsAsync();
    }

    private async Task AssertEverythingReadsAsync()
    {
        var writer = fixture.Host.Services.GetRequiredService<BackgroundLogWriter>().Status();
        Assert.Equal(0, writer.ConsecutiveFailures);
        using var viewer = fixture.Client(TestKeys.Admin);
        var ready = await viewer.GetAsync("/health/ready");
        Assert.Equal(200, (int)ready.StatusCode);

        string? next = null;
        var pages = 0;
        do
        {
            var page = await viewer.GetAsync("/api/v1/logs?page_size=2000" + (next is null ? "" : $"&next={Uri.EscapeDataString(next)}"));
            Assert.Equal(200, (int)page.StatusCode);
            using var doc = JsonDocument.Parse(await page.Content.ReadAsStringAsync());
            next = doc.RootElement.GetProperty("next").GetString();
            pages++;
        } while (next is not null);
        Assert.True(pages >= 1);
        foreach (var url in new[] { "/api/v1/logs?text=%F0%9F%98%80", "/api/v1/logs/stats?from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z&bucket=day",
                     "/api/v1/logs/export?format=csv&from=2000-01-01T00:00:00Z", "/admin/logs" })
        {
            var response = await viewer.GetAsync(url);
            Assert.True((int)response.StatusCode < 500, $"{url} answered {(int)response.StatusCode}");
        }
    }

    private static string Preview(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes);
        return text.Length <= 300 ? text : text[..300];
    }

    private async Task<int> CountAsync(string process)
    {
        await using var session = fixture.Store.QuerySession();
        return (await session.QueryAsync<int>("select count(*)::int from hub.mt_doc_integration_log where process_name = ?", process)).Single();
    }

    private static ByteArrayContent Content(byte[] bytes, string type)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
        return content;
    }
}
