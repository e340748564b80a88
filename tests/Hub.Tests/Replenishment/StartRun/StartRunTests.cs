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
}
