using System.Text.Json.Nodes;
using JasperFx.CommandLine;

namespace Hub.Host.Commands;

public sealed class SchedulesInput : HubApiInput
{
    [Description("list (default), pause, resume or run")]
    public string Action { get; set; } = "list";

    [Description("The schedule: replenishment, log-retention...")]
    public string? Name { get; set; }
}

[Description("Lists the recurring jobs with their next occurrence, or pauses, resumes or runs one now", Name = "schedules")]
public sealed class SchedulesCommand : OperatorCommand<SchedulesInput>
{
    public SchedulesCommand()
    {
        Usage("List the schedules with their next occurrence").NoArguments();
        // An action without a name is accepted here so that the command itself can say what is missing, in one line.
        Usage("list").Arguments(x => x.Action);
        Usage("pause, resume or run one schedule").Arguments(x => x.Action, x => x.Name!);
    }

    protected override async Task<bool> RunAsync(SchedulesInput input, HubApi api)
    {
        if (input.Action == "list")
        {
            foreach (var schedule in (await api.GetAsync("/api/v1/schedules")).AsArray()) Print(schedule!);
            return true;
        }

        if (input.Action is not ("pause" or "resume" or "run"))
            throw new CommandFailure($"unknown action '{input.Action}': use list, pause, resume or run");
        if (string.IsNullOrWhiteSpace(input.Name))
            throw new CommandFailure($"say which schedule to {input.Action}: schedules {input.Action} <name>");
        Print(await api.PostAsync($"/api/v1/schedules/{Uri.EscapeDataString(input.Name)}/{input.Action}"));
        return true;
    }

    private static void Print(JsonNode s) =>
        Console.WriteLine($"{s["name"],-16} {(s["paused"]!.GetValue<bool>() ? "PAUSED " : "active ")} {s["cron"],-14} {s["time_zone"],-14} " +
                          $"next: {s["next_occurrence_local"]?.GetValue<string>() ?? "-"}  last: {Last(s["last_occurrence"])}");

    private static string Last(JsonNode? last) =>
        last is null ? "-" : $"{last["occurrence_local"]?.GetValue<string>()} {last["outcome"]?.GetValue<string>()}: {last["detail"]?.GetValue<string>()}" +
                             (last["run_status"]?.GetValue<string>() is { } status ? $" ({status})" : "");
}
