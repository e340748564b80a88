using System.Text.Json;
using System.Text.Json.Nodes;
using Hub.Logs.IngestClef;

namespace Hub.Tests.Logs.IngestClef;

/// <summary>CLEF events onto integration logs, without a host.</summary>
public sealed class ClefMapperTests
{
    private static Hub.Contracts.Logging.LogEntry Map(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var (entry, error) = ClefMapper.Map(doc.RootElement);
        Assert.Null(error);
        return entry!;
    }

    private static JsonObject Details(Hub.Contracts.Logging.LogEntry entry) => Assert.IsType<JsonObject>(entry.Details);

    [Theory]
    [InlineData("Verbose", "DEBUG")]
    [InlineData("Debug", "DEBUG")]
    [InlineData("Information", "INFO")]
    [InlineData("Warning", "WARNING")]
    [InlineData("Error", "ERROR")]
    [InlineData("Fatal", "CRITICAL")]
    public void serilog_levels_map_onto_the_hub_s_levels(string serilog, string hub) =>
        Assert.Equal(hub, Map($$"""{"@t":"2026-11-23T10:00:00Z","@l":"{{serilog}}","@m":"x"}""").Level);

    [Fact]
    public void an_event_without_a_level_is_information_as_in_clef()
    {
        var entry = Map("""{"@t":"2026-11-23T10:00:00.1234567+03:00","@m":"x"}""");
        Assert.Equal("INFO", entry.Level);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 7, 0, 0, TimeSpan.Zero).AddTicks(1234567), entry.Ts);
    }

    [Fact]
    public void the_template_is_rendered_with_its_properties_as_serilog_renders_it()
    {
        var entry = Map("""
            {"@t":"2026-11-23T10:00:00Z","@mt":"Склад {Warehouse} нуждается в {Count} позициях за {Elapsed:0.0} мс ({Raw:l}) {{literal}} {Missing}",
             "@r":["12,5"],"Warehouse":"Бестужевых","Count":3,"Elapsed":12.46,"Raw":"без кавычек"}
            """);
        Assert.Equal("Склад \"Бестужевых\" нуждается в 3 позициях за 12,5 мс (без кавычек) {literal} {Missing}", entry.Message);
        Assert.Equal("Склад {Warehouse} нуждается в {Count} позициях за {Elapsed:0.0} мс ({Raw:l}) {{literal}} {Missing}",
            (string?)Details(entry)["message_template"]);
    }

    [Fact]
    public void a_rendered_message_wins_over_the_template()
    {
        var entry = Map("""{"@t":"2026-11-23T10:00:00Z","@m":"done in 5 ms","@mt":"done in {Ms} ms","Ms":5}""");
        Assert.Equal("done in 5 ms", entry.Message);
    }

    [Fact]
    public void well_known_properties_fill_their_fields_whatever_their_spelling_and_the_rest_go_to_details()
    {
        var entry = Map("""
            {"@t":"2026-11-23T10:00:00Z","@l":"Error","@m":"failed","@i":"a1b2c3d4","@x":"System.InvalidOperationException: склад закрыт\n   at Hub.Run()",
             "RunId":"6f1c8a9e-2b3d-4c5e-8f90-1a2b3c4d5e6f","request_id":"7f1c8a9e-2b3d-4c5e-8f90-1a2b3c4d5e6f","JOBID":"8f1c8a9e-2b3d-4c5e-8f90-1a2b3c4d5e6f",
             "Process":"internal_replenishment","Step":"deficit_analysis","ExternalSystem":"MoySklad","Action":"create_transfer_order",
             "ElapsedMs":1234.6,"RetryCount":2,"Status":"Failed","ErrorCode":"E42","Payload":{"positions":[1,2]},
             "SourceContext":"Hub.Replenishment","Warehouse":{"Id":5,"Name":"Бестужевых"},"@@escaped":"yes"}
            """);
        Assert.Equal(("6f1c8a9e-2b3d-4c5e-8f90-1a2b3c4d5e6f", "7f1c8a9e-2b3d-4c5e-8f90-1a2b3c4d5e6f", "8f1c8a9e-2b3d-4c5e-8f90-1a2b3c4d5e6f"),
            (entry.RunId, entry.RequestId, entry.JobId));
        Assert.Equal(("internal_replenishment", "deficit_analysis", "MoySklad", "create_transfer_order"),
            (entry.ProcessName, entry.Step, entry.ExternalSystem, entry.Action));
        Assert.Equal((1235L, 2, "Failed", "E42"), (entry.ElapsedMs!.Value, entry.RetryCount!.Value, entry.Status, entry.ErrorCode));
        Assert.Equal("ERROR", entry.Level);
        Assert.Equal("System.InvalidOperationException: склад закрыт", entry.ErrorMessage);
        Assert.Equal("""{"positions":[1,2]}""", ((JsonElement)entry.Payload!).GetRawText());

        var details = Details(entry);
        Assert.Contains("at Hub.Run()", (string?)details["exception"]);
        Assert.Equal("a1b2c3d4", (string?)details["event_id"]);
        Assert.Equal("Hub.Replenishment", (string?)details["SourceContext"]);
        Assert.Equal("Бестужевых", (string?)details["Warehouse"]!["Name"]);
        Assert.Equal("yes", (string?)details["@escaped"]);
        foreach (var mapped in new[] { "RunId", "Process", "ElapsedMs", "Payload", "@l", "@x" })
            Assert.False(details.ContainsKey(mapped), mapped);
    }

    [Fact]
    public void without_a_process_the_application_or_source_context_names_it()
    {
        Assert.Equal("shop-api", Map("""{"@t":"2026-11-23T10:00:00Z","@m":"x","Application":"shop-api","SourceContext":"Shop.Orders"}""").ProcessName);
        Assert.Equal("Shop.Orders", Map("""{"@t":"2026-11-23T10:00:00Z","@m":"x","SourceContext":"Shop.Orders"}""").ProcessName);
        Assert.Equal(ClefMapper.FallbackProcess, Map("""{"@t":"2026-11-23T10:00:00Z","@m":"x"}""").ProcessName);
    }

    [Fact]
    public void asp_net_s_elapsed_timespans_and_numbers_both_read_as_milliseconds()
    {
        Assert.Equal(1500, Map("""{"@t":"2026-11-23T10:00:00Z","Elapsed":"00:00:01.5000000"}""").ElapsedMs);
        Assert.Equal(12, Map("""{"@t":"2026-11-23T10:00:00Z","ElapsedMilliseconds":12.2}""").ElapsedMs);
    }

    [Theory]
    [InlineData("""{"@m":"no time"}""", "@t")]
    [InlineData("""{"@t":"yesterday","@m":"x"}""", "not an ISO 8601 timestamp")]
    [InlineData("""[1,2]""", "expected a JSON object")]
    public void an_event_that_cannot_be_a_log_says_why(string json, string reason)
    {
        using var doc = JsonDocument.Parse(json);
        var (entry, error) = ClefMapper.Map(doc.RootElement);
        Assert.Null(entry);
        Assert.Contains(reason, error);
    }
}
