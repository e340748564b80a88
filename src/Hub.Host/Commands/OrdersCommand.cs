using JasperFx.CommandLine;

namespace Hub.Host.Commands;

public sealed class OrdersInput : HubApiInput
{
    [Description("pending (default), send-now or cancel")]
    public string Action { get; set; } = "pending";

    [Description("The order id (send-now, cancel)")]
    public string? Id { get; set; }

    [Description("1c or moysklad")]
    public string? SystemFlag { get; set; }

    [Description("Only the orders of this run")]
    public string? RunIdFlag { get; set; }

    [Description("Really cancel; without it the command only says what it would cancel")]
    public bool YesFlag { get; set; }
}

[Description("Orders on their way: list what is queued or retrying, send a retrying order now, or cancel it (with --yes)", Name = "orders")]
public sealed class OrdersCommand : OperatorCommand<OrdersInput>
{
    public OrdersCommand()
    {
        Usage("List the orders still on their way").NoArguments();
        Usage("pending: list them, filtered by the flags").Arguments(x => x.Action);
        Usage("send-now or cancel one retrying order").Arguments(x => x.Action, x => x.Id!);
    }

    protected override async Task<bool> RunAsync(OrdersInput input, HubApi api)
    {
        switch (input.Action)
        {
            case "pending":
                var query = new List<string> { "limit=1000" };
                if (input.SystemFlag is { } s) query.Add($"system={Uri.EscapeDataString(s)}");
                if (input.RunIdFlag is { } r) query.Add($"run_id={(Guid.TryParse(r, out var run) ? run : throw new CommandFailure($"--run-id '{r}' is not a UUID"))}");
                var items = (await api.GetAsync($"/api/v1/orders/pending?{string.Join("&", query)}"))["items"]!.AsArray();
                foreach (var item in items)
                    Console.WriteLine($"{item!["id"]}  {item["state"],-8} {item["external_system"],-8} {item["description"]}  attempts {item["attempts"]}  " +
                                      $"next {item["next_attempt_at"]?.ToString() ?? "-"}  {item["reason"]}  run {item["run_id"]}");
                Console.WriteLine(items.Count == 0 ? "nothing is waiting to be sent" : $"{items.Count} orders on their way");
                return true;

            case "send-now" or "cancel":
                if (!Guid.TryParse(input.Id, out var id)) throw new CommandFailure($"say which order: orders {input.Action} <order id>");
                if (input.Action == "cancel" && !input.YesFlag)
                {
                    Console.WriteLine($"order {id} would be cancelled: it would not be sent and its run would count it as failed; run again with --yes to do it");
                    return true;
                }

                var done = await api.PostAsync($"/api/v1/orders/{id}/{input.Action}");
                Console.WriteLine(done["detail"]?.GetValue<string>());
                return true;

            default:
                throw new CommandFailure($"unknown action '{input.Action}': use pending, send-now or cancel");
        }
    }
}
