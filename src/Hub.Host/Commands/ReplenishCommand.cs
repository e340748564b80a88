using System.Text.Json.Nodes;
using JasperFx.CommandLine;

namespace Hub.Host.Commands;

public sealed class ReplenishInput : HubApiInput
{
    [Description("Only this recipient warehouse (its 1C Ref_Key)")]
    public string? WarehouseFlag { get; set; }

    [Description("Plan and record the run, send nothing")]
    public bool DryRunFlag { get; set; }

    [Description("Return as soon as the run is accepted instead of waiting for its plan")]
    public bool NoWaitFlag { get; set; }

    [Description("Run even though a run of an overlapping scope was started within the hour")]
    public bool YesFlag { get; set; }
}

[Description("Starts a replenishment run (deficit evaluation) on the running hub and prints its plan", Name = "replenish")]
public sealed class ReplenishCommand : OperatorCommand<ReplenishInput>
{
    protected override async Task<bool> RunAsync(ReplenishInput input, HubApi api)
    {
        if (input.WarehouseFlag is { } w && !Guid.TryParse(w, out _))
            throw new CommandFailure($"--warehouse '{w}' is not a 1C Ref_Key (a UUID)");

        var started = await api.PostAsync("/api/v1/trigger/internal-replenishment",
            new Dictionary<string, object?> { ["warehouse_id"] = input.WarehouseFlag, ["dry_run"] = input.DryRunFlag, ["trigger"] = "cli", ["confirm"] = input.YesFlag });
        var id = started["run_id"]!.GetValue<string>();
        Console.WriteLine($"run {id} accepted{(input.DryRunFlag ? " (dry run)" : "")}: {started["status_url"]}");
        if (input.NoWaitFlag) return true;

        JsonNode run;
        do
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            run = await api.GetAsync($"/api/v1/runs/{id}");
        } while (run["status"]?.GetValue<string>() == "Planning");

        var status = run["status"]!.GetValue<string>();
        if (status == "Failed")
            throw new CommandFailure($"run {id} failed: {run["error"]}");
        var orders = run["orders"]!.AsArray();
        Console.WriteLine($"status {status}: {run["decisions"]!.AsArray().Count} deficits, " +
                          $"{orders.Count(o => o?["kind"]?.GetValue<string>() == "Transfer")} transfer orders (1C), " +
                          $"{orders.Count(o => o?["kind"]?.GetValue<string>() == "Purchase")} customer orders (МойСклад)");
        foreach (var warning in run["warnings"]!.AsArray()) Console.WriteLine($"warning: {warning}");
        return true;
    }
}
