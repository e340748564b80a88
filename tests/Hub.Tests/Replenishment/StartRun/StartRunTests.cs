using System.Net.Http.Json;
using System.Text.Json;
using Alba;
using Hub.Replenishment.Runs;
using Hub.Simulators;
using Hub.Simulators.Faults;
using Hub.Tests.Infrastructure;

namespace Hub.Tests.Replenishment.StartRun;

[Collection(ReplenishmentCollection.Name)]
public sealed class StartRunTests(ReplenishmentFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAllAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task a_run_plans_from_1c_and_every_order_appears_in_the_simulators_exactly_once()
    {
        var id = await fixture.TriggerAsync();
        var run = await fixture.WaitForRunAsync(id, ReplenishmentFixture.Ended);

        Assert.Equal("Completed", run.GetProperty("status").GetString());
        Assert.Equal("Api", run.GetProperty("trigger").GetString());
        var orders = run.GetProperty("orders").EnumerateArray().ToArray();
        var transfers = orders.Where(o => o.GetProperty("kind").GetString() == "Transfer").ToArray();
        var purchases = orders.Where(o => o.GetProperty("kind").GetString() == "Purchase").ToArray();
        Assert.NotEmpty(transfers);
        Assert.NotEmpty(purchases);
        Assert.All(orders, o => Assert.Equal("Sent", o.GetProperty("state").GetString()));

        // Each transfer order is one posted document carrying its marker; each purchase one customer order with its syncId.
        var documents = fixture.Simulator.State.TransferOrders;
        Assert.Equal(transfers.Length, documents.Count);
        Assert.All(transfers, t =>
        {
            var document = Assert.Single(documents, d => d.Comment == $"hub:{t.GetProperty("id").GetGuid()}");
            Assert.True(document.Posted);
            Assert.Equal(t.GetProperty("external_id").GetString(), document.RefKey.ToString());
        });
        var customerOrders = fixture.Simulator.State.CustomerOrders;
        Assert.Equal(purchases.Length, customerOrders.Count);
        Assert.All(purchases, p => Assert.Single(customerOrders, c => c.SyncId == p.GetProperty("id").GetGuid()));

        // Every call of every attempt left an integration log under the run, the order as its request id.
        var deadline = DateTime.UtcNow.AddMinutes(1);
        JsonElement[] logs;
        do
        {
            await Task.Delay(200);
            var found = await fixture.Host.Scenario(s => s.Get.Url($"/api/v1/logs?run_id={id}&page_size=2000"));
            logs = (await found.ReadAsJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray().ToArray();
        } while (logs.Count(l => l.GetProperty("action").GetString() is "create_transfer_order" or "create_customer_order") < orders.Length
                 && DateTime.UtcNow < deadline);
        Assert.Contains(logs, l => l.GetProperty("step").GetString() == "deficit_analysis" && l.GetProperty("status").GetString() == "success");
        Assert.All(orders, o => Assert.Contains(logs, l => l.GetProperty("request_id").GetString() == o.GetProperty("id").GetString()
                                                        && l.GetProperty("action").GetString() is "create_transfer_order" or "create_customer_order"));

        // Every decision carries its reason, and the plan's lines add up to the orders' lines.
        var decisions = run.GetProperty("decisions").EnumerateArray().ToArray();
        Assert.All(decisions, d => Assert.Matches("^(balance|free stock) ", d.GetProperty("reason").GetString()));
        Assert.Equal(decisions.Sum(d => d.GetProperty("to_purchase").GetDecimal()),
            purchases.Sum(p => p.GetProperty("lines").EnumerateArray().Sum(l => l.GetProperty("quantity").GetDecimal())));
    }

    [Fact]
    public async Task a_dry_run_records_its_plan_and_sends_nothing()
    {
        var id = await fixture.TriggerAsync(new { dry_run = true });
        var run = await fixture.WaitForRunAsync(id, ReplenishmentFixture.Ended);

        Assert.Equal("Planned", run.GetProperty("status").GetString());
        Assert.NotEmpty(run.GetProperty("orders").EnumerateArray());
        Assert.All(run.GetProperty("orders").EnumerateArray(), o => Assert.Equal("Queued", o.GetProperty("state").GetString()));
        Assert.Empty(fixture.Simulator.State.TransferOrders);
        Assert.Empty(fixture.Simulator.State.CustomerOrders);
    }

    [Fact]
    public async Task a_run_for_one_warehouse_orders_only_for_that_warehouse()
    {
        var shop = fixture.Simulator.State.Catalogue.Recipients.First();
        var id = await fixture.TriggerAsync(new { warehouse_id = shop.RefKey, dry_run = true });
        var run = await fixture.WaitForRunAsync(id, ReplenishmentFixture.Ended);

        Assert.Equal(shop.RefKey.ToString(), run.GetProperty("warehouse_id").GetString());
        Assert.NotEmpty(run.GetProperty("decisions").EnumerateArray());
        Assert.All(run.GetProperty("decisions").EnumerateArray(), d => Assert.Equal(shop.RefKey, d.GetProperty("warehouse_key").GetGuid()));
    }

    [Fact]
    public async Task a_trigger_while_a_run_of_an_overlapping_scope_is_in_progress_gets_409_naming_it()
    {
        var running = new ReplenishmentRun
        {
            Id = Guid.CreateVersion7(), Trigger = RunTrigger.Schedule, Status = RunStatus.Dispatching,
            ActiveScope = ReplenishmentRun.AllWarehouses, RequestedAt = DateTimeOffset.UtcNow,
        };
        await using (var session = fixture.Store.LightweightSession())
        {
            session.Store(running);
            await session.SaveChangesAsync();
        }

        foreach (var body in new object[] { new { }, new { warehouse_id = Guid.NewGuid() } })
        {
            var result = await fixture.Host.Scenario(s =>
            {
                s.Post.Json(body).ToUrl("/api/v1/trigger/internal-replenishment");
                s.StatusCodeShouldBe(409);
                s.ContentTypeShouldBe("application/problem+json");
            });
            var problem = await result.ReadAsJsonAsync<JsonElement>();
            Assert.Contains(running.Id.ToString(), problem.GetProperty("detail").GetString());
            Assert.Equal(running.Id, problem.GetProperty("running_run_id").GetGuid());
        }
    }

    private async Task<(int Status, string Body)> PostTriggerAsync(HttpClient client, object body)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/trigger/internal-replenishment", body);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task an_all_warehouses_trigger_and_a_one_warehouse_trigger_fired_together_start_one_run()
    {
        // Reads from 1C take a while, so the run that won is still planning when the other trigger is decided (the lock
        // makes the loser wait for the winner's claim; without it both were accepted in 8 of 10 tries).
        fixture.Fault(SimulatorSystem.OneC, new FaultSettings { Methods = "GET", LatencyMs = 300 });
        var shop = fixture.Simulator.State.Catalogue.Recipients.First();
        using var client = fixture.Host.Server.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", TestKeys.Operator);
        for (var round = 0; round < 3; round++)
        {
            var answers = await Task.WhenAll(PostTriggerAsync(client, new { }), PostTriggerAsync(client, new { warehouse_id = shop.RefKey }));
            Assert.Equal([202, 409], answers.Select(a => a.Status).Order().ToArray());
            var started = JsonDocument.Parse(answers.Single(a => a.Status == 202).Body).RootElement.GetProperty("run_id").GetGuid();
            var refused = JsonDocument.Parse(answers.Single(a => a.Status == 409).Body).RootElement;
            Assert.Equal(started, refused.GetProperty("running_run_id").GetGuid());
            await fixture.WaitForRunAsync(started, ReplenishmentFixture.Ended);
        }
        await using var session = fixture.Store.QuerySession();
        Assert.Equal(3, await Marten.QueryableExtensions.CountAsync(session.Query<ReplenishmentRun>()));
    }

    [Fact]
    public async Task a_run_whose_orders_are_all_tried_frees_its_scope_while_one_still_retries_and_the_next_run_counts_it()
    {
        // Every transfer order fails with a 5xx for now: each is tried once and then retries.
        fixture.Fault(SimulatorSystem.OneC, new FaultSettings { Methods = "POST", ErrorRate = 1 });
        var first = await fixture.TriggerAsync();
        var dispatched = await fixture.WaitForRunAsync(first, r => r.GetProperty("dispatched_at").ValueKind != JsonValueKind.Null || ReplenishmentFixture.Ended(r));
        Assert.Equal("Dispatching", dispatched.GetProperty("status").GetString());
        var retrying = Orders(dispatched, "Transfer");
        Assert.NotEmpty(retrying);
        Assert.DoesNotContain(retrying, o => o.GetProperty("state").GetString() == "Queued");

        // The next run is accepted while the first still dispatches, and orders nothing those retrying orders already carry.
        var second = await fixture.TriggerAsync();
        // 1C recovers at once, well within the retries (about four seconds): the first run's orders go through, and whether
        // they are still retrying or already in 1C's register when the second run reads, they count as on their way.
        fixture.Simulator.Faults.Reset();
        var firstNow = await fixture.RunAsync(first);
        Assert.True(firstNow.GetProperty("status").GetString() == "Dispatching"
            || firstNow.GetProperty("finished_at").GetDateTimeOffset() > (await fixture.RunAsync(second)).GetProperty("requested_at").GetDateTimeOffset(),
            "the second run started while the first was still dispatching");
        var next = await fixture.WaitForRunAsync(second, r => r.GetProperty("status").GetString() != "Planning");
        Assert.Empty(Orders(next, "Transfer"));
        Assert.Equal("Completed", (await fixture.WaitForRunAsync(first, ReplenishmentFixture.Ended)).GetProperty("status").GetString());
        await fixture.WaitForRunAsync(second, ReplenishmentFixture.Ended);
        var timeline = (await (await fixture.Host.Scenario(s => s.Get.Url($"/api/v1/runs/{first}/timeline?page_size=1000"))).ReadAsJsonAsync<JsonElement>())
            .GetProperty("items").EnumerateArray().Select(e => e.GetProperty("event").GetString()).ToArray();
        Assert.True(Array.IndexOf(timeline, "dispatched") < Array.LastIndexOf(timeline, "order_sent"), "orders were sent after the run gave up its scope");
        Assert.Equal("finished", timeline[^1]);
    }

    private static JsonElement[] Orders(JsonElement run, string kind) =>
        run.GetProperty("orders").EnumerateArray().Where(o => o.GetProperty("kind").GetString() == kind).ToArray();

    [Fact]
    public async Task a_dry_run_is_never_refused_and_refuses_nothing()
    {
        fixture.Fault(SimulatorSystem.OneC, new FaultSettings { Methods = "GET", LatencyMs = 300 });
        using var client = fixture.Host.Server.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", TestKeys.Operator);
        var dry = await PostTriggerAsync(client, new { dry_run = true });
        Assert.Equal(202, dry.Status);
        var real = await PostTriggerAsync(client, new { });
        Assert.Equal(202, real.Status);
        var anotherDry = await PostTriggerAsync(client, new { dry_run = true });
        Assert.Equal(202, anotherDry.Status);
        var anotherReal = await PostTriggerAsync(client, new { });
        Assert.Equal(409, anotherReal.Status);
        foreach (var answer in new[] { dry, real, anotherDry })
            await fixture.WaitForRunAsync(JsonDocument.Parse(answer.Body).RootElement.GetProperty("run_id").GetGuid(), ReplenishmentFixture.Ended);
    }

    [Fact]
    public async Task a_warehouse_id_that_is_not_a_uuid_is_a_problem_naming_the_field()
    {
        var result = await fixture.Host.Scenario(s =>
        {
            s.Post.Json(new { warehouse_id = "Магазин Невский" }).ToUrl("/api/v1/trigger/internal-replenishment");
            s.StatusCodeShouldBe(400);
        });
        var problem = await result.ReadAsJsonAsync<JsonElement>();
        Assert.Contains(problem.GetProperty("errors").EnumerateArray(), e => e.GetProperty("name").GetString() == "warehouse_id");
        await using var query = fixture.Store.QuerySession();
        Assert.Empty(await Marten.QueryableExtensions.ToListAsync(query.Query<ReplenishmentRun>()));
    }

    [Fact]
    public async Task a_warehouse_1c_does_not_know_fails_the_run_with_the_reason()
    {
        var id = await fixture.TriggerAsync(new { warehouse_id = Guid.NewGuid() });
        var run = await fixture.WaitForRunAsync(id, ReplenishmentFixture.Ended);

        Assert.Equal("Failed", run.GetProperty("status").GetString());
        Assert.Contains("not among", run.GetProperty("error").GetString());
        Assert.Empty(fixture.Simulator.State.TransferOrders);
    }

    [Fact]
    public async Task orders_that_fail_for_a_while_are_retried_and_each_created_once()
    {
        // Creates fail with 5xx, drop the connection, or are done by the server after the answer was lost: retries must not duplicate.
        var faults = new FaultSettings { Methods = "POST", ErrorRate = 0.3, DropRate = 0.2, HtmlErrors = true };
        fixture.Fault(SimulatorSystem.OneC, faults);
        fixture.Fault(SimulatorSystem.MoySklad, faults);
        var id = await fixture.TriggerAsync();
        var run = await fixture.WaitForRunAsync(id, r => ReplenishmentFixture.Ended(r)
            || r.GetProperty("orders").EnumerateArray().Any(o => o.GetProperty("state").GetString() == "Retrying"));
        Assert.Equal("Dispatching", run.GetProperty("status").GetString());
        fixture.Simulator.Faults.Reset();
        run = await fixture.WaitForRunAsync(id, ReplenishmentFixture.Ended);
        Assert.Equal("Completed", run.GetProperty("status").GetString());

        var orders = run.GetProperty("orders").EnumerateArray().ToArray();
        var sent = orders.Where(o => o.GetProperty("state").GetString() == "Sent").ToArray();
        var transferIds = sent.Where(o => o.GetProperty("kind").GetString() == "Transfer").Select(o => $"hub:{o.GetProperty("id").GetGuid()}").ToHashSet();
        Assert.Equal(transferIds.Count, fixture.Simulator.State.TransferOrders.Count(d => transferIds.Contains(d.Comment)));
        Assert.All(fixture.Simulator.State.TransferOrders.GroupBy(d => d.Comment), g => Assert.Single(g));
        Assert.All(fixture.Simulator.State.CustomerOrders.GroupBy(c => c.SyncId), g => Assert.Single(g));
        Assert.Equal(orders.Length, fixture.Simulator.State.TransferOrders.Count + fixture.Simulator.State.CustomerOrders.Count);
    }

    [Fact]
    public async Task a_run_whose_1c_reads_keep_failing_ends_failed_with_the_reason_and_frees_its_scope()
    {
        fixture.Fault(SimulatorSystem.OneC, new FaultSettings { Methods = "GET", ErrorRate = 1 });
        var id = await fixture.TriggerAsync();
        var run = await fixture.WaitForRunAsync(id, ReplenishmentFixture.Ended);

        Assert.Equal("Failed", run.GetProperty("status").GetString());
        Assert.Contains("Reading 1C failed", run.GetProperty("error").GetString());
        fixture.Simulator.Faults.Reset();
        await fixture.WaitForRunAsync(await fixture.TriggerAsync(new { dry_run = true }), ReplenishmentFixture.Ended);
    }

    public static TheoryData<RunTrigger, bool, bool, bool> Repeats => new()
    {
        // trigger, dry run, confirmed, asked
        { RunTrigger.Admin, false, false, true },
        { RunTrigger.Cli, false, false, true },
        { RunTrigger.Admin, false, true, false },
        { RunTrigger.Cli, true, false, false },
        { RunTrigger.Api, false, false, false },
        { RunTrigger.Schedule, false, false, false },
    };

    [Theory]
    [MemberData(nameof(Repeats))]
    public void a_person_is_asked_before_a_real_run_repeats_a_scope_within_the_hour(RunTrigger trigger, bool dryRun, bool confirmed, bool asked)
    {
        var recent = ReplenishmentRun.Create(new RunRequested(Guid.CreateVersion7(), RunTrigger.Admin, null, false, DateTimeOffset.UtcNow.AddMinutes(-12)));
        recent.Apply(new RunFinished(RunStatus.Completed, 3, 0, DateTimeOffset.UtcNow.AddMinutes(-10)));
        var (outcome, _, messages) = Hub.Replenishment.StartRun.StartReplenishmentHandler.Handle(
            new Hub.Replenishment.StartRun.StartReplenishment(trigger, Guid.NewGuid(), dryRun, confirmed), new([], [recent]), TimeProvider.System);
        Assert.Equal(asked, outcome.Recent?.Id == recent.Id);
        Assert.Equal(!asked, outcome.StartedRunId is not null);
        Assert.Equal(asked ? 0 : 1, messages.Count);
    }
}
