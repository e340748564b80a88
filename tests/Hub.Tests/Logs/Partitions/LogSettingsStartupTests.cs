using Hub.Tests.Infrastructure;

namespace Hub.Tests.Logs.Partitions;

/// <summary>The log table's monthly window is built from the retention and partition settings: a bad one stops the hub at once, in one line naming it.</summary>
public sealed class LogSettingsStartupTests
{
    [Theory]
    [InlineData("Logs__Partitions__MonthsAhead", "0", "Logs:Partitions:MonthsAhead must be between 1 and 24")]
    [InlineData("Logs__Partitions__MonthsAhead", "many", "Logs:Partitions:MonthsAhead")]
    [InlineData("Logs__Retention__AllDays", "0", "Logs:Retention:AllDays must be at least 1")]
    public async Task a_bad_log_window_setting_stops_the_hub_with_one_line_naming_it(string setting, string value, string expected)
    {
        var result = await HubProcess.RunAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings__Hub"] = "Host=127.0.0.1;Port=1;Database=none",
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            [setting] = value,
        }, TimeSpan.FromMinutes(2));

        Assert.Equal(5, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(expected, line);
        Assert.DoesNotContain("Integration Hub is up", result.Stdout);
    }
}
