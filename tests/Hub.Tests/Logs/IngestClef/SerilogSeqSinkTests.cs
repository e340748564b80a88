using System.Text.Json;
using Hub.Tests.Infrastructure;
using Serilog;
using Serilog.Context;

namespace Hub.Tests.Logs.IngestClef;

/// <summary>
/// A Serilog application with the unmodified Seq sink, pointed at the hub (a real process, real HTTP) instead
/// of Seq: its events appear in the hub's logs API.
/// </summary>
public sealed class SerilogSeqSinkTests
{
    [Fact]
    public async Task a_serilog_application_s_events_appear_in_the_hub()
    {
        var cs = await TestDatabase.CreateAsync("seq_sink");
        await using var hub = await RunningHub.StartAsync(
            new Dictionary<string, string?>(TestKeys.Environment()) { ["ConnectionStrings__Hub"] = cs });
        var run = Guid.NewGuid();

        await using (var logger = new LoggerConfiguration()
                         .MinimumLevel.Verbose()
                         .Enrich.FromLogContext()
                         .Enrich.WithProperty("Application", "shop-api")
                         .WriteTo.Seq(hub.Address.ToString(), apiKey: TestKeys.Ingest)
                         .CreateLogger())
        {
            using (LogContext.PushProperty("RunId", run))
            {
                logger.Information("Заказ {OrderId} передан в {ExternalSystem} за {ElapsedMs} мс", 1042, "moysklad", 87);
                using (LogContext.PushProperty("Step", "send"))
                    logger.Warning("Повтор {RetryCount} для заказа {OrderId}", 2, 1042);
                try
                {
                    throw new InvalidOperationException("склад закрыт");
                }
                catch (Exception ex)
                {
                    logger.Error(ex, "Не удалось отправить заказ {OrderId}", 1042);
                }
                logger.Verbose("Подробности {@Order}", new { Id = 1042, Lines = 3 });
            }
        } // disposing the logger flushes the sink's batch

        using var client = hub.Client(TestKeys.Viewer);
        JsonElement items = default;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            using var doc = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/logs?run_id={run}"));
            items = doc.RootElement.GetProperty("items").Clone();
            if (items.GetArrayLength() >= 4) break;
            await Task.Delay(200);
        }
        Assert.Equal(4, items.GetArrayLength());
        var byLevel = items.EnumerateArray().ToDictionary(i => i.GetProperty("log_level").GetString()!);

        var info = byLevel["INFO"];
        Assert.Equal("Заказ 1042 передан в \"moysklad\" за 87 мс", info.GetProperty("message").GetString());
        Assert.Equal("shop-api", info.GetProperty("process_name").GetString());
        Assert.Equal("moysklad", info.GetProperty("external_system").GetString());
        Assert.Equal(87, info.GetProperty("elapsed_ms").GetInt64());
        Assert.Equal(1042, info.GetProperty("details").GetProperty("OrderId").GetInt32());

        var warning = byLevel["WARNING"];
        Assert.Equal("send", warning.GetProperty("step").GetString());
        Assert.Equal(2, warning.GetProperty("retry_count").GetInt32());

        var error = byLevel["ERROR"];
        Assert.Equal("System.InvalidOperationException: склад закрыт", error.GetProperty("error_message").GetString());
        Assert.Contains("SerilogSeqSinkTests", error.GetProperty("details").GetProperty("exception").GetString());

        Assert.Equal(3, byLevel["DEBUG"].GetProperty("details").GetProperty("Order").GetProperty("Lines").GetInt32());
    }
}
