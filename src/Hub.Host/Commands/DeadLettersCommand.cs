using System.Text.Json.Nodes;
using JasperFx.CommandLine;

namespace Hub.Host.Commands;

public sealed class DeadLettersInput : HubApiInput
{
    [Description("list (default), show, replay or discard")]
    public string Action { get; set; } = "list";

    [Description("An order id (show; replay or discard of one order)")]
    public string? Id { get; set; }

    [Description("1c or moysklad")]
    public string? SystemFlag { get; set; }

    [Description("The exception's type name, e.g. ExternalApiException")]
    public string? ExceptionTypeFlag { get; set; }

    [Description("Only the orders of this run")]
    public string? RunIdFlag { get; set; }

    [Description("Parked at or after (ISO 8601)")]
    public string? FromFlag { get; set; }

    [Description("Parked before (ISO 8601)")]
    public string? ToFlag { get; set; }

    [Description("Every parked order, when no other filter is given")]
    public bool AllFlag { get; set; }

    [Description("Really replay or discard; without it the command only counts what would be affected")]
    public bool YesFlag { get; set; }
}

[Description("Parked orders: list, show one, replay or discard by id or filter (counts first, acts with --yes)", Name = "dead-letters")]
public sealed class DeadLettersCommand : OperatorCommand<DeadLettersInput>
{
    public DeadLettersCommand()
    {
        Usage("List parked orders matching the flags").NoArguments();
        Usage("list, or replay or discard everything matching the flags").Arguments(x => x.Action);
        Usage("show, replay or discard one order").Arguments(x => x.Action, x => x.Id!);
    }

    protected override async Task<bool> RunAsync(DeadLettersInput input, HubApi api)
    {
        switch (input.Action)
        {
            case "list":
                var query = string.Join("&", Filter(input).Select(kv => $"{kv.Key}={Uri.EscapeDataString(kv.Value is DateTimeOffset d ? d.ToString("O") : kv.Value!.ToString()!)}"));
                string? next = null;
                var shown = 0;
                do
                {
                    var page = await api.GetAsync($"/api/v1/dead-letters?{query}{(next is null ? "" : $"&next={next}")}");
                    foreach (var item in page["items"]!.AsArray())
                    {
                        shown++;
                        // The columns of the Outbox page: when, system, message, the order itself, attempts, why, and its run.
                        Console.WriteLine($"{item!["id"]}  {item["parked_at"]}  {item["external_system"],-8} {item["message_type"]}  {item["description"]}  " +
                                          $"attempts {item["attempts"]}  {item["exception_type"]}: {item["reason"]}  run {item["run_id"]}");
                    }

                    next = page["next"]?.GetValue<string>();
                } while (next is not null);
                Console.WriteLine(shown == 0 ? "no parked orders match" : $"{shown} parked orders");
                return true;

            case "show":
                if (!Guid.TryParse(input.Id, out var id)) throw new CommandFailure("say which order: dead-letters show <order id>");
                Console.WriteLine((await api.GetAsync($"/api/v1/dead-letters/{id}")).ToJsonString(CliJson.Indented));
                return true;

            case "replay" or "discard":
                var body = Filter(input);
                if (input.Id is not null)
                {
                    if (!Guid.TryParse(input.Id, out var one)) throw new CommandFailure($"'{input.Id}' is not an order id");
                    body["ids"] = new[] { one };
                }

                body["all"] = input.AllFlag;
                body["dry_run"] = true;
                var count = await api.PostAsync($"/api/v1/dead-letters/{input.Action}", body);
                var matched = count["matched"]!.GetValue<int>();
                if (!input.YesFlag || matched == 0)
                {
                    Console.WriteLine($"{matched} parked orders would be {(input.Action == "replay" ? "replayed" : "discarded")}" +
                                      (matched > 0 ? "; run again with --yes to do it" : ""));
                    return true;
                }

                body["dry_run"] = false;
                var done = await api.PostAsync($"/api/v1/dead-letters/{input.Action}", body);
                Console.WriteLine($"{done["matched"]} parked orders {(input.Action == "replay" ? "replayed" : "discarded")}");
                return true;

            default:
                throw new CommandFailure($"unknown action '{input.Action}': use list, show, replay or discard");
        }
    }

    private static Dictionary<string, object?> Filter(DeadLettersInput input)
    {
        var filter = new Dictionary<string, object?>();
        if (input.SystemFlag is { } s) filter["system"] = s;
        if (input.ExceptionTypeFlag is { } e) filter["exception_type"] = e;
        if (input.RunIdFlag is { } r) filter["run_id"] = Guid.TryParse(r, out var run) ? run : throw new CommandFailure($"--run-id '{r}' is not a UUID");
        if (input.FromFlag is { } f) filter["from"] = DateTimeOffset.TryParse(f, out var from) ? from : throw new CommandFailure($"--from '{f}' is not a date and time");
        if (input.ToFlag is { } t) filter["to"] = DateTimeOffset.TryParse(t, out var to) ? to : throw new CommandFailure($"--to '{t}' is not a date and time");
        return filter;
    }
}
