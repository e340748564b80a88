using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Hub.Tests.Logs.Ingest;
using Npgsql;
using Serilog;

/// <summary>
/// The soak of bench/logs-soak.sh: side by side for the given minutes, an application with the unmodified Serilog Seq sink,
/// a Node application with npm's seq-logging, a JSON client of POST /api/v1/logs, and a fuzzer of both ingestion endpoints
/// (the tests' corpus). Then: every tagged event stored exactly once, how often the hub answered 5xx, and the writer's health.
/// </summary>
public static class Soak
{
    public static async Task<string> RunAsync(string hubUrl, string key, string cs, double minutes, string nodeDir)
    {
        var soak = Guid.NewGuid().ToString("N")[..12];
        var duration = TimeSpan.FromMinutes(minutes);
        var until = DateTime.UtcNow + duration;
        using var http = new HttpClient { BaseAddress = new Uri(hubUrl + "/"), Timeout = TimeSpan.FromSeconds(100) };
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        var statuses = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        void Count(string who, int status) => statuses.AddOrUpdate($"{who} {status}", 1, (_, n) => n + 1);

        var node = new ProcessStartInfo("node") { WorkingDirectory = nodeDir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "soak.mjs", hubUrl + "/", key, ((int)duration.TotalSeconds).ToString(), soak }) node.ArgumentList.Add(a);
        using var npm = Process.Start(node)!;
        var npmOut = npm.StandardOutput.ReadToEndAsync();
        var npmErr = npm.StandardError.ReadToEndAsync();

        var serilog = Task.Run(async () =>
        {
            var n = 0;
            await using var logger = new LoggerConfiguration().Enrich.WithProperty("Soak", soak).Enrich.WithProperty("Source", "serilog")
                .Enrich.WithProperty("Application", "soak-serilog").WriteTo.Seq(hubUrl, apiKey: key).CreateLogger();
            while (DateTime.UtcNow < until)
            {
                for (var i = 0; i < 20; i++, n++) logger.Information("Soak {Seq} from Serilog: склад «Контейнер»", n);
                await Task.Delay(100);
            }
            return n;
        });

        var json = Task.Run(async () =>
        {
            var sent = 0;
            while (DateTime.UtcNow < until)
            {
                var batch = Enumerable.Range(sent, 200).Select(i => new
                {
                    process_name = "soak-http", step = "send", log_level = "INFO", status = "success", external_system = "moysklad",
                    message = $"Soak {i} over HTTP", details = new { soak, source = "http", seq = i },
                });
                using var response = await http.PostAsync("api/v1/logs", new StringContent(JsonSerializer.Serialize(batch), Encoding.UTF8, "application/json"));
                Count("json", (int)response.StatusCode);
                if (response.StatusCode == System.Net.HttpStatusCode.Accepted) sent += 200;
                await Task.Delay(1000);
            }
            return sent;
        });

        var fuzz = Task.Run(async () =>
        {
            var random = new Random(14);
            var bodies = 0;
            while (DateTime.UtcNow < until)
            {
                var (bytes, _) = bodies % 2 == 0 ? FuzzCorpus.JsonBatch(random, "soak-fuzz") : FuzzCorpus.ClefBatch(random, "soak-fuzz");
                var content = new ByteArrayContent(bytes);
                content.Headers.ContentType = MediaTypeHeaderValue.Parse(bodies % 2 == 0 ? "application/json" : "application/vnd.serilog.clef");
                using var response = await http.PostAsync(bodies % 2 == 0 ? "api/v1/logs" : "api/events/raw", content);
                Count("fuzz", (int)response.StatusCode);
                bodies++;
                await Task.Delay(20);
            }
            return bodies;
        });

        var serilogSent = await serilog;
        var jsonSent = await json;
        var fuzzBodies = await fuzz;
        await npm.WaitForExitAsync();
        var npmSent = int.Parse((await npmOut).Trim().Split(' ')[^1]);

        // Stored once each: the count and the count of distinct sequence numbers agree with what was sent, once they stop growing.
        async Task<(long Rows, long Distinct)> Stored(string source, string seqKey)
        {
            await using var c = new NpgsqlConnection(cs);
            await c.OpenAsync();
            await using var cmd = new NpgsqlCommand(
                $"select count(*), count(distinct data->'details'->>'{seqKey}') from hub.mt_doc_integration_log " +
                $"where data->'details'->>'{(source == "http" ? "soak" : "Soak")}' = @soak and data->'details'->>'{(source == "http" ? "source" : "Source")}' = @source", c);
            cmd.Parameters.AddWithValue("soak", soak);
            cmd.Parameters.AddWithValue("source", source);
            await using var reader = await cmd.ExecuteReaderAsync();
            await reader.ReadAsync();
            return (reader.GetInt64(0), reader.GetInt64(1));
        }

        var expected = new[] { ("serilog", "Seq", serilogSent), ("npm", "Seq", npmSent), ("http", "seq", jsonSent) };
        var settle = Stopwatch.StartNew();
        (long Rows, long Distinct)[] stored;
        while (true)
        {
            stored = await Task.WhenAll(expected.Select(e => Stored(e.Item1, e.Item2)));
            if (stored.Zip(expected).All(p => p.First.Rows >= p.Second.Item3) || settle.Elapsed > TimeSpan.FromMinutes(2)) break;
            await Task.Delay(500);
        }

        using var ready = await http.GetAsync("health/ready");
        var health = await ready.Content.ReadAsStringAsync();
        var root = JsonDocument.Parse(health).RootElement;
        var writer = root.TryGetProperty("checks", out var checks) && checks.TryGetProperty("log_writer", out var w) ? w : default;

        var report = new StringBuilder();
        report.AppendLine($"Soak {soak}: {duration.TotalMinutes:0.#} min side by side against one hub process.");
        report.AppendLine();
        report.AppendLine("| source | sent | stored rows | distinct | stored once |");
        report.AppendLine("|---|---:|---:|---:|---|");
        foreach (var ((source, _, sent), (rows, distinct)) in expected.Zip(stored))
            report.AppendLine($"| {source} | {sent:N0} | {rows:N0} | {distinct:N0} | {(rows == sent && distinct == sent ? "yes" : "**no**")} |");
        report.AppendLine();
        report.AppendLine($"Fuzzer: {fuzzBodies:N0} generated bodies (the tests' corpus: NUL, lone surrogates, repeated keys, 1e1000000, deep nesting, invalid UTF-8, cut bodies), alternating /api/v1/logs and /api/events/raw.");
        report.AppendLine();
        report.AppendLine($"Answers: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value:N0}"))}. 5xx: {statuses.Where(s => int.Parse(s.Key.Split(' ')[1]) >= 500).Sum(s => s.Value)}.");
        report.AppendLine();
        report.AppendLine($"Readiness afterwards: {(int)ready.StatusCode}; log writer: {(writer.ValueKind == JsonValueKind.Undefined ? "not reported" : writer.GetProperty("data").ToString())}. npm client errors: {(await npmErr).Trim()}.");
        return report.ToString();
    }
}
