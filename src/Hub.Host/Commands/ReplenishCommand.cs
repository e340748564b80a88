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

    [Description("Send the plan even though a run of an overlapping scope was started within the hour, or it orders more for shelves with goods on their way")]
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
        if (status == "AwaitingConfirmation")
        {
            // Asked, not assumed: the plan orders more where goods are already on their way. The shelves go to stdout, the
            // plan is declined so it holds no scope, and the one line on stderr says how to send such a plan.
            var shelves = run["decisions"]!.AsArray().Where(d => d?["adds_to_goods_on_their_way"]?.GetValue<bool>() == true).ToArray();
            foreach (var d in shelves) Console.WriteLine($"on its way: {d!["warehouse_name"]}: {d["item_name"]}: {d["reason"]}");
            await api.PostAsync($"/api/v1/runs/{id}/decline");
            throw new CommandFailure($"run {id} sent nothing: its plan orders more for {shelves.Length} shelves with goods already on their way (listed above); " +
                                     "run again with --yes to send such a plan, or --dry-run to see it whole");
        }
        var orders = run["orders"]!.AsArray();
        Console.WriteLine($"status {status}: {run["decisions"]!.AsArray().Count} deficits, " +
                          $"{orders.Count(o => o?["kind"]?.GetValue<string>() == "Transfer")} transfer orders (1C), " +
                          $"{orders.Count(o => o?["kind"]?.GetValue<string>() == "Purchase")} customer orders (МойСклад)");
        foreach (var warning in run["warnings"]!.AsArray()) Console.WriteLine($"warning: {warning}");
        return true;
    }
}
