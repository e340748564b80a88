// Ingestion benchmark, one process, one run (bench/logs-ingest-bench.sh): the hub over HTTP (POST /api/v1/logs, batches of
// 1000, 1/4/16 writers) beside the anchors raw COPY (Npgsql binary import) and Marten's BulkInsert into the same table with
// the same indexes and rollup trigger; then 50,000 events from the real Serilog Seq sink to stored rows. Prints a Markdown
// report to stdout. Usage: LogsIngestBench <hub-url> <ingest-key> <connection-string> [batches-per-run]; "soak" first runs Soak.cs.
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Hub.Contracts.Logging;
using Hub.Logs.Domain;
using Hub.Logs.Rollup;
using Hub.Logs.Writing;
using JasperFx;
using Marten;
using Npgsql;
using NpgsqlTypes;
using Serilog;
using Weasel.Core;

// LogsIngestBench soak <hub-url> <ingest-key> <connection-string> <minutes> <tests/seq-clients>: the side-by-side soak instead.
if (args.Length > 0 && args[0] == "soak")
{
    Console.WriteLine(await Soak.RunAsync(args[1].TrimEnd('/'), args[2], args[3], double.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture), args[5]));
    return;
}

var hubUrl = args[0].TrimEnd('/');
var key = args[1];
var cs = args[2];
var batches = args.Length > 3 ? int.Parse(args[3]) : 48;
const int BatchSize = 1000;

using var store = DocumentStore.For(o =>
{
    o.Connection(cs);
    o.DatabaseSchemaName = "hub";
    o.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.SnakeCase);
    o.RegisterDocumentType<IntegrationLog>();
    // The hub's own mapping (table, columns, indexes), so the anchors write into exactly the hub's table.
    o.Policies.ForAllDocuments(mapping =>
    {
        if (mapping.DocumentType == typeof(IntegrationLog)) IntegrationLogMapping.Configure(mapping);
    });
    o.Storage.Add(new LogRollupSchema(o, Hub.Logs.GetLogStats.LogStatsOptions.DefaultDayZone));
    o.AutoCreateSchemaObjects = AutoCreate.None; // the hub's db-apply made the schema; the anchors write into exactly that
});

var now = DateTimeOffset.UtcNow;
LogEntry Entry(int batch, int i) => new()
{
    Ts = now.AddMilliseconds(-(batch * BatchSize + i)),
    ProcessName = (i % 3) switch { 0 => "internal_replenishment", 1 => "sync_orders", _ => "process_outbox_events_job" },
    Step = "deficit_analysis",
    Level = i % 10 == 0 ? LogLevels.Warning : LogLevels.Info,
    Status = i % 7 == 0 ? LogStatuses.Failed : LogStatuses.Success,
    ExternalSystem = i % 2 == 0 ? "moysklad" : "1c",
    RunId = Guid.NewGuid().ToString(),
    ElapsedMs = 5 + i % 900,
    Message = $"Остаток на складе «Бестужевых» недостаточен: позиция {i}",
    Details = new Dictionary<string, object> { ["n"] = i, ["warehouse"] = "Бестужевых", ["items"] = new[] { 1, 2, 3 } },
};
var entries = Enumerable.Range(0, batches).Select(b => Enumerable.Range(0, BatchSize).Select(i => Entry(b, i)).ToArray()).ToArray();
var wire = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
var bodies = entries.Select(batch => JsonSerializer.SerializeToUtf8Bytes(batch.Select(e => new
{
    ts = e.Ts, process_name = e.ProcessName, step = e.Step, log_level = e.Level, status = e.Status, external_system = e.ExternalSystem,
    run_id = e.RunId, elapsed_ms = e.ElapsedMs, message = e.Message, details = e.Details
}), wire)).ToArray();

async Task Truncate()
{
    await using var c = new NpgsqlConnection(cs);
    await c.OpenAsync();
    await using var cmd = new NpgsqlCommand("truncate hub.mt_doc_integration_log, hub.log_rollup_hourly, hub.log_rollup_elapsed", c);
    await cmd.ExecuteNonQueryAsync();
    // A checkpoint between runs keeps one run's WAL from slowing the next; the hub's own user may not be allowed one.
    try
    {
        await using var checkpoint = new NpgsqlCommand("checkpoint", c);
        await checkpoint.ExecuteNonQueryAsync();
    }
    catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
    {
    }
}

async Task<long> Scalar(string sql)
{
    await using var c = new NpgsqlConnection(cs);
    await c.OpenAsync();
    await using var cmd = new NpgsqlCommand(sql, c);
    return Convert.ToInt64(await cmd.ExecuteScalarAsync());
}

// Runs `work` for each batch over `writers` concurrent workers; returns records/s and the failures it counted.
async Task<(double Rate, int Failures, long Deadlocks)> Measure(int writers, Func<int, Task<bool>> work)
{
    await Truncate();
    var deadlocks = await Scalar("select deadlocks from pg_stat_database where datname = current_database()");
    var next = -1;
    var failures = 0;
    var watch = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
    {
        int b;
        while ((b = Interlocked.Increment(ref next)) < batches)
            if (!await work(b)) Interlocked.Increment(ref failures);
    })));
    watch.Stop();
    var stored = await Scalar("select count(*) from hub.mt_doc_integration_log");
    var rollup = await Scalar("select coalesce(sum(total), 0) from hub.log_rollup_hourly");
    if (rollup != stored) throw new InvalidOperationException($"rollups count {rollup}, table holds {stored}");
    deadlocks = await Scalar("select deadlocks from pg_stat_database where datname = current_database()") - deadlocks;
    return (stored / watch.Elapsed.TotalSeconds, failures, deadlocks);
}

using var http = new HttpClient { BaseAddress = new Uri(hubUrl), Timeout = TimeSpan.FromMinutes(5) };
http.DefaultRequestHeaders.Add("X-Api-Key", key);
async Task<bool> Post(int b)
{
    var content = new ByteArrayContent(bodies[b]);
    content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
    using var response = await http.PostAsync("/api/v1/logs", content);
    return (int)response.StatusCode == 202;
}

// The anchors store the same records as the hub does: normalised by the hub's own normaliser.
IntegrationLog[] Normalised(int b) => entries[b].Select(e => LogNormalizer.Normalize(e, Guid.CreateVersion7(), DateTimeOffset.UtcNow)).ToArray();

async Task<bool> Bulk(int b)
{
    await store.BulkInsertAsync(Normalised(b), BulkInsertMode.InsertsOnly, batchSize: BatchSize);
    return true;
}

var serializer = store.Options.Serializer();
async Task<bool> Copy(int b)
{
    var records = Normalised(b);
    await using var c = new NpgsqlConnection(cs);
    await c.OpenAsync();
    await using var import = await c.BeginBinaryImportAsync(
        "copy hub.mt_doc_integration_log (id, data, mt_dotnet_type, mt_version, ts, created_at, process_name, step, log_level, status, external_system, run_id, request_id, job_id) from stdin (format binary)");
    foreach (var r in records)
    {
        await import.StartRowAsync();
        await import.WriteAsync(r.Id, NpgsqlDbType.Uuid);
        await import.WriteAsync(serializer.ToJson(r), NpgsqlDbType.Jsonb);
        await import.WriteAsync(typeof(IntegrationLog).FullName!, NpgsqlDbType.Varchar);
        await import.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid);
        await import.WriteAsync(r.Ts, NpgsqlDbType.TimestampTz);
        await import.WriteAsync(r.CreatedAt, NpgsqlDbType.TimestampTz);
        await import.WriteAsync(r.ProcessName, NpgsqlDbType.Text);
        await Nullable(import, r.Step, NpgsqlDbType.Text);
        await import.WriteAsync(r.LogLevel, NpgsqlDbType.Text);
        await Nullable(import, r.Status, NpgsqlDbType.Text);
        await Nullable(import, r.ExternalSystem, NpgsqlDbType.Text);
        await Nullable(import, r.RunId, NpgsqlDbType.Uuid);
        await Nullable(import, r.RequestId, NpgsqlDbType.Uuid);
        await Nullable(import, r.JobId, NpgsqlDbType.Uuid);
    }
    await import.CompleteAsync();
    return true;
}

static async Task Nullable<T>(NpgsqlBinaryImporter import, T? value, NpgsqlDbType type)
{
    if (value is null) await import.WriteNullAsync(); else await import.WriteAsync(value, type);
}

// Warm-up: JIT, connection pools, the hub's first request.
await Post(0); await Bulk(0); await Copy(0);

var report = new StringBuilder();
report.AppendLine($"{batches} batches of {BatchSize} records per run ({batches * BatchSize:N0} records), the same records for every writer; the table keeps its indexes and the rollup trigger.");
report.AppendLine();
report.AppendLine("| writers | raw COPY rec/s | Marten BulkInsert rec/s | hub over HTTP rec/s | hub / BulkInsert | hub / COPY | hub non-202 | deadlocks |");
report.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
foreach (var writers in new[] { 1, 4, 16 })
{
    var copy = await Measure(writers, Copy);
    var bulk = await Measure(writers, Bulk);
    var hub = await Measure(writers, Post);
    report.AppendLine($"| {writers} | {copy.Rate:N0} | {bulk.Rate:N0} | {hub.Rate:N0} | {hub.Rate / bulk.Rate:P0} | {hub.Rate / copy.Rate:P0} | {hub.Failures} | {copy.Deadlocks + bulk.Deadlocks + hub.Deadlocks} |");
    Console.Error.WriteLine($"{writers} writers done");
}

// The Serilog application: 50,000 events through the unmodified Seq sink, timed until the last one is a stored row.
await Truncate();
const int Events = 50_000;
var sinkWatch = Stopwatch.StartNew();
await using (var logger = new LoggerConfiguration().WriteTo.Seq(hubUrl, apiKey: key).CreateLogger())
{
    for (var i = 0; i < Events; i++)
        logger.Information("Заказ {OrderId} передан в {ExternalSystem} за {ElapsedMs} мс", i, "moysklad", i % 500);
}
long rows;
while ((rows = await Scalar("select count(*) from hub.mt_doc_integration_log")) < Events && sinkWatch.Elapsed < TimeSpan.FromMinutes(10))
    await Task.Delay(100);
sinkWatch.Stop();
report.AppendLine();
report.AppendLine($"Serilog.Sinks.Seq, {Events:N0} events (default batching: 1000 events or 2 s per post) to stored rows: {sinkWatch.Elapsed.TotalSeconds:N1} s, {rows / sinkWatch.Elapsed.TotalSeconds:N0} events/s, {rows:N0} rows stored.");
Console.WriteLine(report);
