using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alba;
using Hub.Tests.Infrastructure;
using Npgsql;

namespace Hub.Tests.Logs.ExportLogs;

[Collection(LogsCollection.Name)]
public sealed class ExportLogsTests(LogsFixture fixture) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);

    public Task InitializeAsync() => fixture.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<string[]> IngestAsync(object records)
    {
        var body = await (await fixture.Host.Scenario(s =>
        {
            s.Post.Json(records).ToUrl("/api/v1/logs");
            s.StatusCodeShouldBe(202);
        })).ReadJsonAsync();
        return body.GetProperty("ids").Strings();
    }

    private async Task<(IScenarioResult Result, byte[] Bytes)> ExportAsync(string query)
    {
        var result = await fixture.Host.Scenario(s => { s.Get.Url($"/api/v1/logs/export?{query}"); s.StatusCodeShouldBeOk(); });
        var stream = new MemoryStream();
        await result.Context.Response.Body.CopyToAsync(stream);
        return (result, stream.ToArray());
    }

    private static string Utf8WithBom(byte[] bytes)
    {
        Assert.True(bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF, "the CSV starts with a UTF-8 BOM");
        return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 3, bytes.Length - 3);
    }

    [Fact]
    public async Task csv_keeps_cyrillic_quotes_delimiters_line_breaks_and_nested_json_intact()
    {
        const string message = "Остаток на складе «Бестужевых», \"срочно\"\r\nвторая строка; ёЁ";
        var details = new JsonObject { ["склад"] = "Бестужевых", ["позиции"] = new JsonArray(1, 2, 3), ["note"] = "a \"quoted\", value" };
        var ids = await IngestAsync(new[]
        {
            new { process_name = "internal_replenishment", step = "deficit_analysis", message, details = (JsonNode)details,
                  external_system = "МойСклад", elapsed_ms = 1234, ts = T0 },
        });

        var (result, bytes) = await ExportAsync("format=csv");
        Assert.Equal("text/csv; charset=utf-8", result.Context.Response.ContentType);
        var rows = Csv.Parse(Utf8WithBom(bytes));
        Assert.Equal(2, rows.Count);
        var header = rows[0];
        Assert.Equal(["id", "ts", "created_at"], header[..3]);
        var cell = (string column) => rows[1][Array.IndexOf(header, column)];

        Assert.Equal(ids[0], cell("id"));
        Assert.Equal(message, cell("message"));
        Assert.Equal("мойсклад", cell("external_system"));
        Assert.Equal("1234", cell("elapsed_ms"));
        Assert.Equal("", cell("run_id"));
        Assert.True(JsonNode.DeepEquals(details, JsonNode.Parse(cell("details"))), cell("details"));
        Assert.Equal(T0, DateTimeOffset.Parse(cell("ts"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task a_cell_that_excel_would_run_as_a_formula_starts_with_an_apostrophe()
    {
        await IngestAsync(new[] { new { process_name = "p", message = "=HYPERLINK(\"http://evil\",\"x\")", step = "+1" } });
        var rows = Csv.Parse(Utf8WithBom((await ExportAsync("")).Bytes));
        var header = rows[0];
        Assert.Equal("'=HYPERLINK(\"http://evil\",\"x\")", rows[1][Array.IndexOf(header, "message")]);
        Assert.Equal("'+1", rows[1][Array.IndexOf(header, "step")]);
    }

    [Fact]
    public async Task semicolon_delimiter_for_excel_in_russian_locale()
    {
        await IngestAsync(new[] { new { process_name = "p", message = "a;b,c" } });
        var rows = Csv.Parse(Utf8WithBom((await ExportAsync("delimiter=semicolon")).Bytes), ';');
        Assert.Equal("a;b,c", rows[1][Array.IndexOf(rows[0], "message")]);
    }

    [Fact]
    public async Task ndjson_is_one_complete_record_per_line_as_the_api_shows_it()
    {
        var ids = await IngestAsync(new[]
        {
            new { process_name = "p", message = "first\nline", ts = T0, details = (JsonNode)new JsonObject { ["k"] = "в" } },
            new { process_name = "p", message = "second", ts = T0.AddMinutes(1), details = (JsonNode)new JsonObject() },
        });
        var (result, bytes) = await ExportAsync("format=ndjson");
        Assert.Equal("application/x-ndjson; charset=utf-8", result.Context.Response.ContentType);
        Assert.False(bytes.Length >= 3 && bytes[0] == 0xEF, "NDJSON carries no BOM");
        var lines = Encoding.UTF8.GetString(bytes).Split('\n');
        Assert.Equal("", lines[^1]);
        Assert.Equal(2, lines.Length - 1);
        var records = lines[..^1].Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        Assert.Equal([ids[1], ids[0]], records.Select(r => (string)r["id"]!));
        Assert.Equal("first\nline", (string)records[1]["message"]!);

        var fromApi = JsonNode.Parse(await (await fixture.Host.Scenario(s => s.Get.Url($"/api/v1/logs/{ids[0]}"))).ReadAsTextAsync())!;
        foreach (var (key, value) in fromApi.AsObject())
            Assert.True(JsonNode.DeepEquals(value, records[1][key]), $"{key}: api {value?.ToJsonString()} export {records[1][key]?.ToJsonString()}");
    }

    [Theory]
    [InlineData("level=error,critical")]
    [InlineData("external_system=moysklad&status=failed")]
    [InlineData("from=2026-10-01T03:00:00Z&to=2026-10-01T09:00:00Z&process=b")]
    [InlineData("text=склад")]
    public async Task export_selects_exactly_what_the_list_shows_in_the_same_order(string query)
    {
        var levels = new[] { "DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL" };
        await IngestAsync(Enumerable.Range(0, 300).Select(i => new
        {
            process_name = i % 3 == 0 ? "a" : "b",
            log_level = levels[i % 5],
            status = i % 4 == 0 ? "failed" : "success",
            external_system = i % 2 == 0 ? "moysklad" : "1c",
            message = i % 9 == 0 ? "нет на складе" : "ok",
            ts = T0.AddMinutes(i * 3),
        }).ToArray());

        var list = new List<string>();
        string? next = null;
        do
        {
            var page = await (await fixture.Host.Scenario(s => s.Get.Url($"/api/v1/logs?page_size=100&{query}" + (next is null ? "" : $"&next={next}")))).ReadJsonAsync();
            list.AddRange(page.GetProperty("items").EnumerateArray().Select(x => x.GetProperty("id").GetString()!));
            next = page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next").GetString();
        } while (next is not null);
        Assert.NotEmpty(list);

        var csv = Csv.Parse(Utf8WithBom((await ExportAsync(query)).Bytes));
        Assert.Equal(list, csv.Skip(1).Select(r => r[0]));
        var ndjson = Encoding.UTF8.GetString((await ExportAsync(query + "&format=ndjson")).Bytes)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => (string)JsonNode.Parse(l)!["id"]!);
        Assert.Equal(list, ndjson);
    }

    [Fact]
    public async Task the_file_name_carries_the_filter_s_time_range()
    {
        var (bounded, _) = await ExportAsync("from=2026-10-01T00:00:00Z&to=2026-10-02T06:30:00%2B03:00&format=ndjson");
        Assert.Equal("attachment; filename=integration-logs_20261001T000000Z_20261002T033000Z.ndjson",
            bounded.Context.Response.Headers.ContentDisposition.ToString());
        var (open, _) = await ExportAsync("");
        Assert.Matches(@"^attachment; filename=integration-logs_start_\d{8}T\d{6}Z\.csv$", open.Context.Response.Headers.ContentDisposition.ToString());
    }

    [Theory]
    [InlineData("format=xlsx", "format")]
    [InlineData("delimiter=tab", "delimiter")]
    [InlineData("level=LOUD", "level")]
    [InlineData("from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z", "to")]
    public async Task bad_parameters_are_problem_details_naming_them(string query, string parameter)
    {
        var result = await fixture.Host.Scenario(s => { s.Get.Url($"/api/v1/logs/export?{query}"); s.StatusCodeShouldBe(400); });
        var problem = await result.ReadJsonAsync();
        Assert.Contains(problem.GetProperty("errors").EnumerateArray(), e => e.GetProperty("name").GetString() == parameter);
    }

    [Fact]
    public async Task a_client_that_goes_away_ends_the_query_on_the_server()
    {
        await ExportSeed.BulkAsync(fixture.Store, 30_000);
        using var client = fixture.Client(TestKeys.Viewer);
        using (var response = await client.GetAsync("/api/v1/logs/export?format=csv", HttpCompletionOption.ResponseHeadersRead))
        {
            await using var body = await response.Content.ReadAsStreamAsync();
            var buffer = new byte[8192];
            var read = 0;
            while (read < 64 * 1024) read += await body.ReadAsync(buffer);
            Assert.True(await ActiveExportsAsync() >= 1, "the export query runs while the client reads");
        }

        var deadline = DateTime.UtcNow.AddSeconds(60);
        long active;
        while ((active = await ActiveExportsAsync()) > 0 && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.Equal(0, active);
    }

    [Fact]
    public async Task cancelling_an_export_stops_reading_rows()
    {
        await ExportSeed.BulkAsync(fixture.Store, 30_000);
        using var cts = new CancellationTokenSource();
        var output = new CountingStream(cancelAfter: 256 * 1024, cts);
        await using var session = fixture.Store.QuerySession();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Hub.Logs.ExportLogs.LogExport.WriteAsync(
            session, new Hub.Logs.Querying.LogFilter(), Hub.Logs.ExportLogs.LogExportFormat.Csv, ',', output, cts.Token));
        // 30,000 rows are over 40 MB; a cancelled export stops within a buffer or two of the cancellation.
        Assert.InRange(output.Length, 256 * 1024, 2 * 1024 * 1024);
        Assert.Equal(0, await ActiveExportsAsync());
    }

    /// <summary>Counts what is written and cancels the export once enough has arrived, as a client hanging up would.</summary>
    private sealed class CountingStream(long cancelAfter, CancellationTokenSource cts) : Stream
    {
        private long _length;
        public override long Length => _length;
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Position { get => _length; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => Count(count);
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Count(buffer.Length);
            return ValueTask.CompletedTask;
        }

        private void Count(int n)
        {
            _length += n;
            if (_length >= cancelAfter) cts.Cancel();
        }
    }

    private async Task<long> ActiveExportsAsync()
    {
        await using var conn = new NpgsqlConnection(fixture.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "select count(*) from pg_stat_activity where datname = current_database() and state = 'active' and query like '/* hub:logs-export */%'", conn);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
