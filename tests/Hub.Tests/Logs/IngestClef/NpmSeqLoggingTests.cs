using System.Diagnostics;
using System.Text.Json;
using Hub.Tests.Infrastructure;

namespace Hub.Tests.Logs.IngestClef;

/// <summary>
/// A Node application with npm's unmodified seq-logging (what pino-seq, winston-seq and bunyan-seq send through), pointed
/// at the hub as a process over real HTTP: its Seq JSON {"Events": [...]} batch is stored and read back field by field.
/// </summary>
public sealed class NpmSeqLoggingTests
{
    private static readonly string ClientDir = Path.Combine(HubProcess.RepoRoot, "tests", "seq-clients");

    [Fact]
    public async Task a_node_application_s_events_through_seq_logging_appear_in_the_hub_field_by_field()
    {
        Assert.True(Directory.Exists(Path.Combine(ClientDir, "node_modules", "seq-logging")),
            $"seq-logging is not installed: run scripts/test.sh, which restores {ClientDir}");
        var cs = await TestDatabase.CreateAsync("seq_npm");
        await using var hub = await RunningHub.StartAsync(new Dictionary<string, string?>(TestKeys.Environment()) { ["ConnectionStrings__Hub"] = cs });
        var run = Guid.NewGuid();

        var psi = new ProcessStartInfo("node") { WorkingDirectory = ClientDir };
        foreach (var arg in new[] { "send.mjs", hub.Address.ToString(), TestKeys.Ingest, run.ToString() }) psi.ArgumentList.Add(arg);
        var sent = await Processes.RunAsync(psi, TimeSpan.FromMinutes(1));
        Assert.True(sent.ExitCode == 0, sent.Stderr);
        Assert.Contains("sent 4 events", sent.Stdout);

        // The client answers once the hub has committed the batch: the events are there to read at once.
        using var client = hub.Client(TestKeys.Viewer);
        var text = await client.GetStringAsync($"/api/v1/logs?run_id={run}");
        var items = JsonDocument.Parse(text).RootElement.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("log_level").GetString()!);
        Assert.Equal(["DEBUG", "ERROR", "INFO", "WARNING"], items.Keys.Order());

        var info = items["INFO"];
        Assert.Equal("Заказ 2042 передан в \"moysklad\" за 64 мс", info.GetProperty("message").GetString());
        Assert.Equal(("warehouse-bot", "moysklad", 64L), (info.GetProperty("process_name").GetString(), info.GetProperty("external_system").GetString(), info.GetProperty("elapsed_ms").GetInt64()));
        Assert.Equal(2042, info.GetProperty("details").GetProperty("OrderId").GetInt32());
        Assert.Equal(("send", 3), (items["WARNING"].GetProperty("step").GetString(), items["WARNING"].GetProperty("retry_count").GetInt32()));
        Assert.Contains("склад закрыт", items["ERROR"].GetProperty("error_message").GetString());
        var debug = items["DEBUG"];
        Assert.Equal("Магазин Купчино", debug.GetProperty("details").GetProperty("Order").GetProperty("Shop").GetString());
        // Stored as the characters they are: Cyrillic and an emoji, never \uXXXX escapes in the row (the API's JSON writer may
        // still escape a character outside the BMP on the wire, which any JSON reader turns back into the emoji).
        Assert.EndsWith("🚚", debug.GetProperty("message").GetString());
        Assert.Contains("Магазин Купчино", text);
        await using var connection = new Npgsql.NpgsqlConnection(cs);
        await connection.OpenAsync();
        await using var rows = new Npgsql.NpgsqlCommand("select string_agg(data::text, '') from hub.mt_doc_integration_log where run_id = $1", connection);
        rows.Parameters.Add(new Npgsql.NpgsqlParameter { Value = run });
        var stored = (string)(await rows.ExecuteScalarAsync())!;
        Assert.Contains("🚚", stored);
        Assert.DoesNotContain("\\u", stored);
    }
}
