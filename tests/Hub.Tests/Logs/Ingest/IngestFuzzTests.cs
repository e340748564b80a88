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

/// <summary>Generates hostile log bodies; every item carries its batch's marker as process name so a test can count what was stored.</summary>
public static class FuzzCorpus
{
    private static readonly string[] Strings =
    [
        "plain", "\\u0000", "a\\u0000b", "\\ud800", "\\udc00x", "\\ud83d\\ude00", "😀", "Остаток «Бестужевых»", "\\\\", "\\\"", "\\t\\n\\r",
        "\\u0001\\u001f", "\\uFFFF", "\\uFEFF", "<script>alert(1)</script>", "'; drop table x; --", "%s%n", "\\ud83d", "\u202e\\u0000"
    ];

    private static readonly string[] Numbers =
        ["0", "-0", "1", "-1", "1.5", "9223372036854775807", "9223372036854775808", "-9223372036854775809", "1e1000000", "-1e1000000",
         "1e-1000000", "1e308", "1e309", "123456789012345678901234567890", "0.000000000000000000000000000001", "2147483648"];

    public static (byte[] Body, int Items) JsonBatch(Random random, string marker)
    {
        var kind = random.Next(12);
        var count = random.Next(1, 40);
        var sb = new StringBuilder("[");
        for (var i = 0; i < count; i++)
        {
            if (i > 0) sb.Append(',');
            // Half of the batches break only what can be made storable, so most of them are accepted and read back.
            sb.Append(Record(random, marker, storable: kind >= 6));
        }
        sb.Append(']');
        var text = sb.ToString();
        switch (kind)
        {
            case 0: return (Encoding.UTF8.GetBytes(text[..random.Next(1, text.Length)]), count); // cut off
            case 1:
            {
                var bytes = Encoding.UTF8.GetBytes(text).ToList();
                bytes.InsertRange(random.Next(1, bytes.Count - 1), new byte[] { 0xC3, 0x28, 0xFF }); // invalid UTF-8
                return (bytes.ToArray(), count);
            }
            case 2: return (Encoding.UTF8.GetBytes(text.Replace("[{", "[{\"process_name\":\"dup\",")), count); // a repeated field
            case 3: return (Encoding.UTF8.GetBytes($"{{\"logs\":{text}}}"), count);
            case 4: return (Encoding.UTF8.GetBytes(random.Next(3) switch { 0 => "", 1 => "null", _ => "[1,\"x\",null]" }), count);
            default: return (Encoding.UTF8.GetBytes(text), count);
        }
    }

    private static string Record(Random random, string marker, bool storable)
    {
        var fields = new List<string> { $"\"process_name\":\"{marker}\"" };
        string Str() => Strings[random.Next(Strings.Length)];
        if (random.Next(2) == 0) fields.Add($"\"message\":\"{Str()} {Str()}\"");
        if (storable)
        {
            if (random.Next(3) == 0) fields.Add($"\"elapsed_ms\":{random.Next(0, 5000)}");
            if (random.Next(2) == 0) fields.Add($"\"details\":{Value(random, random.Next(3) == 0 ? random.Next(20, 80) : 3)}");
            if (random.Next(3) == 0) fields.Add($"\"payload\":{Value(random, 4)}");
            return "{" + string.Join(",", fields) + "}";
        }
        if (random.Next(4) == 0) fields.Add($"\"message\":\"{new string('я', random.Next(1000, 40_000))}\"");
        if (random.Next(3) == 0) fields.Add($"\"elapsed_ms\":{(random.Next(3) == 0 ? Numbers[random.Next(Numbers.Length)] : random.Next(0, 5000).ToString())}");
        if (random.Next(5) == 0) fields.Add($"\"retry_count\":{(random.Next(3) == 0 ? Numbers[random.Next(Numbers.Length)] : "1")}");
        if (random.Next(5) == 0) fields.Add($"\"ts\":{random.Next(5) switch { 0 => "\"0001-01-01T00:00:00Z\"", 1 => "\"garbage\"", 2 => "12345", 3 => "\"9999-12-31T00:00:00Z\"", _ => $"\"{DateTimeOffset.UtcNow.AddMinutes(-random.Next(1000)):O}\"" }}");
        if (random.Next(6) == 0) fields.Add($"\"log_level\":\"{(random.Next(2) == 0 ? "warn" : Str())}\"");
        if (random.Next(6) == 0) fields.Add($"\"run_id\":\"{(random.Next(2) == 0 ? Guid.NewGuid().ToString() : Str())}\"");
        if (random.Next(8) == 0) fields.Add($"\"message\":{(random.Next(2) == 0 ? "{}" : "[1]")}");
        if (random.Next(2) == 0) fields.Add($"\"details\":{Value(random, random.Next(3) == 0 ? random.Next(20, 80) : 3)}");
        if (random.Next(3) == 0) fields.Add($"\"payload\":{Value(random, 4)}");
        if (random.Next(4) == 0) fields.Add($"\"request_payload\":{Value(random, 2)}");
        // The first field stays the marker; the rest in any order.
        var rest = fields.Skip(1).OrderBy(_ => random.Next()).ToList();
        return "{" + string.Join(",", new[] { fields[0] }.Concat(rest)) + "}";
    }

    public static string Value(Random random, int depth)
    {
        string Str() => Strings[random.Next(Strings.Length)];
        if (depth <= 0) return random.Next(3) switch { 0 => $"\"{Str()}\"", 1 => Numbers[random.Next(Numbers.Length)], _ => "true" };
        // Branching only near the leaves: a deep value is a chain, or the corpus would grow exponentially with depth.
        var width = depth > 4 ? 1 : 3;
        if (random.Next(2) == 0) return "[" + string.Join(",", Enumerable.Range(0, random.Next(1, width)).Select(_ => Value(random, depth - 1))) + "]";
        var keys = Enumerable.Range(0, random.Next(1, width + 1)).Select(_ => random.Next(4) == 0 ? Str() : "k" + random.Next(3)).ToList();
        return "{" + string.Join(",", keys.Select(k => $"\"{k}\":{Value(random, depth - 1)}")) + "}";
    }

    /// <summary>CLEF lines (or the {"Events"} format); every readable event carries the marker as its Process.</summary>
    public static (byte[] Body, int Lines) ClefBatch(Random random, string marker)
    {
        var count = random.Next(1, 30);
        string Str() => Strings[random.Next(Strings.Length)];
        if (random.Next(5) == 0)
        {
            var events = Enumerable.Range(0, count).Select(_ =>
                $"{{\"Timestamp\":\"{DateTimeOffset.UtcNow:O}\",\"Level\":\"{(random.Next(2) == 0 ? "Information" : Str())}\",\"MessageTemplate\":\"{Str()} {{A}} {{B:l}}\",\"Properties\":{{\"Process\":\"{marker}\",\"A\":{Value(random, random.Next(0, 40))},\"B\":\"{Str()}\"}}}}");
            return (Encoding.UTF8.GetBytes("{\"Events\":[" + string.Join(",", events) + "]}"), count);
        }
        var lines = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var line = random.Next(10) switch
            {
                0 => "{\"@t\":\"2026-11-23T10:00:00Z\",\"@m\":", // cut off
                1 => $"{{\"@m\":\"no time\",\"Process\":\"{marker}\"}}",
                2 => $"{{\"@t\":\"{(random.Next(2) == 0 ? "0001-01-01T00:00:00Z" : "not a time")}\",\"Process\":\"{marker}\"}}",
                3 => "[1,2]",
                _ => $"{{\"@t\":\"{DateTimeOffset.UtcNow.AddSeconds(-random.Next(100)):O}\",\"@mt\":\"{Str()} {{X}} {{Y:0.00}} {{Z.W}} {{X:l}}\",\"@r\":[\"{Str()}\"],\"@l\":\"{(random.Next(3) == 0 ? Str() : "Warning")}\",\"@x\":\"{Str()}\",\"Process\":\"{marker}\",\"X\":{Value(random, random.Next(0, 40))},\"Y\":{Numbers[random.Next(Numbers.Length)]},\"Z.W\":\"{Str()}\",\"ElapsedMs\":{Numbers[random.Next(Numbers.Length)]},\"RunId\":\"{Str()}\",\"run_id\":\"{Guid.NewGuid()}\",\"exception\":\"{Str()}\",\"X\":1}}"
            };
            lines.Add(line);
        }
        return (Encoding.UTF8.GetBytes(string.Join("\n", lines)), lines.Count);
    }
}
