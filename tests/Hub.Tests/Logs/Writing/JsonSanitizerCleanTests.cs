using System.Text;
using System.Text.Json;
using Hub.Logs.Api;
using Hub.Logs.Ingest;
using Hub.Logs.Writing;
using Hub.Tests.Logs.Ingest;

namespace Hub.Tests.Logs.Writing;

/// <summary>
/// The binder reads a record as it is when <see cref="JsonSanitizer.IsClean"/> says the sanitiser would change nothing;
/// these tests hold it to that: a clean record stores exactly what the sanitising path stores, and every kind of
/// trouble the sanitiser repairs is seen as not clean.
/// </summary>
public sealed class JsonSanitizerCleanTests
{
    private static JsonElement Record(string json) => JsonDocument.Parse(json).RootElement;

    [Theory]
    [InlineData("""{"process_name":"p","message":"a\u0000b"}""")]
    [InlineData("""{"process_name":"p","message":"x\ud800"}""")]
    [InlineData("""{"process_name":"p","details":{"k":"\uDC00"}}""")]
    [InlineData("""{"process_name":"p","message":"\ud83d\ude00"}""")]
    [InlineData("""{"process_name":"p","process_name":"q"}""")]
    [InlineData("""{"process_name":"p","details":{"k":1,"k":2}}""")]
    [InlineData("""{"process_name":"p","details":{"k":1,"\u006b":2}}""")]
    [InlineData("""{"process_name":"p","details":{"a":{"k":1},"b":{"k":1,"k":3}}}""")]
    [InlineData("""{"process_name":"p","details":{"n":1e1000000}}""")]
    [InlineData("""{"process_name":"p","details":[123456789012345678901234567890123456789012345678901234567890123456789]}""")]
    [InlineData("""{"process_name":"p","details":{"n":1e-1000000}}""")]
    [InlineData("""{"process_name":"p","elapsed_ms":1.5}""")]
    [InlineData("""{"process_name":"p","elapsed_ms":9223372036854775808}""")]
    public void what_the_sanitiser_would_repair_is_not_clean(string json) =>
        Assert.False(JsonSanitizer.IsClean(Record(json)));

    [Fact]
    public void nesting_past_the_limit_is_not_clean_and_nesting_up_to_it_is()
    {
        string Nested(int levels) => $$"""{"process_name":"p","details":{{new string('[', levels)}}1{{new string(']', levels)}}}""";
        // The record is level 0 and details' first array level 1, so MaxDepth - 1 arrays end just inside the limit.
        Assert.True(JsonSanitizer.IsClean(Record(Nested(JsonSanitizer.MaxDepth - 1))));
        Assert.False(JsonSanitizer.IsClean(Record(Nested(JsonSanitizer.MaxDepth))));
    }

    [Fact]
    public void bytes_that_are_not_utf8_are_not_clean()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"process_name":"p","message":"ab"}""").ToList();
        bytes.InsertRange(bytes.IndexOf((byte)'a'), new byte[] { 0xC3, 0x28 });
        Assert.False(JsonSanitizer.IsClean(JsonDocument.Parse(bytes.ToArray()).RootElement));
    }

    [Fact]
    public void an_ordinary_record_is_clean()
    {
        Assert.True(JsonSanitizer.IsClean(Record("""
            {"process_name":"internal_replenishment","step":"deficit_analysis","log_level":"Info","elapsed_ms":15,
             "message":"Остаток «Бестужевых» \u041E\"\\","run_id":"0b9b6f1e-3c57-4a6b-9d43-5a4a0e3e1f10",
             "details":{"n":1.25,"zero":0.0,"big":1e300,"items":[1,2,{"k":"v"}],"k2":{"k":null}},"payload":{"a":true}}
            """)));
    }

    [Fact]
    public void a_clean_record_stores_exactly_what_the_sanitising_path_stores()
    {
        var random = new Random(20261204);
        var now = DateTimeOffset.Parse("2026-12-04T09:00:00Z");
        int clean = 0, repaired = 0;
        for (var batch = 0; batch < 800; batch++)
        {
            var (body, _) = FuzzCorpus.JsonBatch(random, "marker");
            JsonDocument doc;
            try { doc = JsonDocument.Parse(body); }
            catch (JsonException) { continue; }
            using (doc)
            {
                var items = doc.RootElement.ValueKind == JsonValueKind.Array ? doc.RootElement.EnumerateArray().ToList()
                    : doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("logs", out var logs)
                        ? logs.EnumerateArray().ToList() : [];
                foreach (var item in items.Where(i => i.ValueKind == JsonValueKind.Object))
                {
                    var notes = new JsonSanitizer.Notes();
                    var duplicates = 0;
                    var node = JsonSanitizer.ToNode(item, "", notes, _ => duplicates++);
                    if (!JsonSanitizer.IsClean(item))
                    {
                        repaired++;
                        continue;
                    }
                    clean++;
                    Assert.True(notes.Count == 0, $"{item.GetRawText()} → {string.Join("; ", notes.Items)}");
                    Assert.Equal(0, duplicates);
                    var fast = Stored(() => item.Deserialize<IncomingLog>(LogJson.Options)!, now);
                    var slow = Stored(() => node.Deserialize<IncomingLog>(LogJson.Options)!, now);
                    Assert.Equal(slow, fast);
                }
            }
        }
        // Both paths must have been taken often, or the comparison above proves nothing.
        Assert.True(clean > 300, $"only {clean} clean records");
        Assert.True(repaired > 300, $"only {repaired} records needing repair");
    }

    // What the writer would store, as JSON; "unreadable" when binding refuses the record (both paths must agree on that too).
    private static string Stored(Func<IncomingLog> bind, DateTimeOffset now)
    {
        IncomingLog log;
        try { log = bind(); }
        catch (JsonException) { return "unreadable"; }
        var record = LogNormalizer.Normalize(log.ToEntry(), Guid.Empty, now);
        return JsonSerializer.Serialize(record, LogJson.Options);
    }
}
