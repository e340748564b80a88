using System.Text.Json;
using Hub.Integrations.OneC;
using Hub.Simulators;
using Hub.Simulators.Faults;
using Hub.Tests.Infrastructure;

namespace Hub.Tests.Replenishment.PlanRun;

/// <summary>
/// Runs against the simulator in its strict mode, as a first run against a real УТ 11.5 base would go: planned per
/// characteristic on free stock, transfer orders that carry every attribute posting checks and are posted, the old
/// deleted "Бестужевых" never a donor, and a posting 1C refuses parked at once with 1C's own text.
/// </summary>
[Collection(ReplenishmentCollection.Name)]
public sealed class RealBaseRunTests(ReplenishmentFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAllAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private static JsonElement[] Orders(JsonElement run, string kind) =>
        run.GetProperty("orders").EnumerateArray().Where(o => o.GetProperty("kind").GetString() == kind).ToArray();

    [Fact]
    public async Task a_run_plans_per_characteristic_and_every_transfer_order_is_posted_with_every_attribute_posting_checks()
    {
        var catalogue = fixture.Simulator.State.Catalogue;
        var run = await fixture.WaitForRunAsync(await fixture.TriggerAsync(), ReplenishmentFixture.Ended);

        Assert.Equal("Completed", run.GetProperty("status").GetString());
        var decisions = run.GetProperty("decisions").EnumerateArray().ToArray();
        // Items kept by characteristic are planned per characteristic, named, never as the bare item.
        var varied = decisions.Where(d => catalogue.FindItem(d.GetProperty("item_key").GetGuid())!.UsesCharacteristics).ToArray();
        Assert.NotEmpty(varied);
        Assert.All(varied, d =>
        {
            var characteristic = catalogue.FindCharacteristic(d.GetProperty("characteristic_key").GetGuid());
            Assert.NotNull(characteristic);
            Assert.Equal(characteristic.Name, d.GetProperty("characteristic_name").GetString());
        });
        // Free stock is what counts: a decision says when some of what is on hand is promised.
        Assert.Contains(decisions, d => d.GetProperty("reason").GetString()!.StartsWith("free stock "));
        Assert.All(decisions, d => Assert.Contains(d.GetProperty("unit").GetString(), new[] { "шт", "м", "кг" }));

        var documents = fixture.Simulator.State.TransferOrders;
        Assert.NotEmpty(documents);
        Assert.All(documents, document =>
        {
            Assert.True(document.Posted);
            Assert.Equal(catalogue.OneCOrganization.Id, document.OrganizationKey);
            Assert.Equal("КВыполнению", document.Status);
            foreach (var field in OneCReadiness.RequiredHeader.Where(f => f is not ("Date" or "Организация_Key" or "СкладОтправитель_Key" or "СкладПолучатель_Key" or "Статус")))
                Assert.True(document.Attributes.ContainsKey(field), $"{document.Number} lacks {field}");
            Assert.All(document.Lines, line =>
            {
                Assert.True(line.Attributes["КоличествоУпаковок"]!.GetValue<decimal>() > 0);
                Assert.Equal("Отгрузить", line.Attributes["ВариантОбеспечения"]!.GetValue<string>());
                var item = catalogue.FindItem(line.ItemKey)!;
                if (item.UsesCharacteristics) Assert.Equal(item.RefKey, catalogue.FindCharacteristic(line.CharacteristicKey)!.ItemKey);
                else Assert.Equal(Guid.Empty, line.CharacteristicKey);
            });
        });

        // The transfer lines are the plan's lines, characteristic for characteristic.
        var planned = Orders(run, "Transfer").SelectMany(o => o.GetProperty("lines").EnumerateArray())
            .Select(l => (l.GetProperty("item_key").GetGuid(), l.GetProperty("characteristic_key").GetGuid(), l.GetProperty("quantity").GetDecimal())).Order();
        Assert.Equal(planned, documents.SelectMany(d => d.Lines).Select(l => (l.ItemKey, l.CharacteristicKey, l.Quantity)).Order());

        // What is bought of an item kept by characteristic is bought as that characteristic's variant in МойСклад.
        var purchasedVariants = fixture.Simulator.State.CustomerOrders.SelectMany(o => o.Positions).Where(p => p.AssortmentType == "variant").ToArray();
        var variedPurchases = Orders(run, "Purchase").SelectMany(o => o.GetProperty("lines").EnumerateArray())
            .Count(l => l.GetProperty("characteristic_key").GetGuid() != Guid.Empty);
        Assert.Equal(variedPurchases, purchasedVariants.Length);
        Assert.All(purchasedVariants, p => Assert.NotNull(catalogue.FindVariant(p.AssortmentId)));
    }

    [Fact]
    public async Task a_second_run_counts_the_transfers_1c_has_on_their_way_and_does_not_send_them_again()
    {
        var first = await fixture.WaitForRunAsync(await fixture.TriggerAsync(), ReplenishmentFixture.Ended);
        Assert.Equal("Completed", first.GetProperty("status").GetString());
        var transferred = Orders(first, "Transfer").SelectMany(o => o.GetProperty("lines").EnumerateArray()
                .Select(l => (Shop: o.GetProperty("recipient_key").GetGuid(), Item: l.GetProperty("item_key").GetGuid(), Characteristic: l.GetProperty("characteristic_key").GetGuid())))
            .ToHashSet();

        var second = await fixture.WaitForRunAsync(await fixture.TriggerAsync(new { dry_run = true }), ReplenishmentFixture.Ended);

        // Every shelf the first run filled from a donor is either covered by what is on its way or, when short, counts it.
        var decisions = second.GetProperty("decisions").EnumerateArray()
            .ToDictionary(d => (d.GetProperty("warehouse_key").GetGuid(), d.GetProperty("item_key").GetGuid(), d.GetProperty("characteristic_key").GetGuid()));
        Assert.All(transferred, shelf =>
        {
            if (!decisions.TryGetValue(shelf, out var d)) return;
            Assert.True(d.GetProperty("on_its_way").GetDecimal() > 0, d.ToString());
            Assert.Contains("on its way (", d.GetProperty("reason").GetString());
        });
        Assert.True(second.GetProperty("skipped").GetProperty("below the minimum, covered by what is on its way").GetInt32() > 0);
        Assert.DoesNotContain(Orders(second, "Transfer").SelectMany(o => o.GetProperty("lines").EnumerateArray()
            .Select(l => (o.GetProperty("recipient_key").GetGuid(), l.GetProperty("item_key").GetGuid(), l.GetProperty("characteristic_key").GetGuid()))), transferred.Contains);
    }

    [Fact]
    public async Task a_deleted_warehouse_named_like_a_donor_is_never_a_donor()
    {
        var catalogue = fixture.Simulator.State.Catalogue;
        var deleted = Assert.Single(catalogue.Warehouses, w => w.DeletionMark);

        var run = await fixture.WaitForRunAsync(await fixture.TriggerAsync(new { dry_run = true }), ReplenishmentFixture.Ended);

        // It holds a thousand of everything: taken for "Бестужевых", it would cover every deficit.
        var donors = run.GetProperty("decisions").EnumerateArray().SelectMany(d => d.GetProperty("from_donors").EnumerateArray())
            .Select(a => a.GetProperty("donor_key").GetGuid()).ToHashSet();
        Assert.DoesNotContain(deleted.RefKey, donors);
        Assert.Contains(catalogue.Warehouse("Бестужевых").RefKey, donors);
        Assert.Contains(run.GetProperty("decisions").EnumerateArray(), d => d.GetProperty("to_purchase").GetDecimal() > 0);
    }

    [Fact]
    public async Task a_posting_1c_refuses_is_parked_at_once_with_1cs_text_and_never_retried()
    {
        fixture.Fault(SimulatorSystem.OneC, new FaultSettings { FailPost = true });

        var run = await fixture.WaitForRunAsync(await fixture.TriggerAsync(), ReplenishmentFixture.Ended);

        Assert.Equal("CompletedWithFailures", run.GetProperty("status").GetString());
        var transfers = Orders(run, "Transfer");
        Assert.NotEmpty(transfers);
        Assert.All(transfers, t =>
        {
            Assert.Equal("Parked", t.GetProperty("state").GetString());
            Assert.Equal(1, t.GetProperty("attempts").GetInt32());
            Assert.Contains("Не удалось провести", t.GetProperty("reason").GetString());
        });
        Assert.All(Orders(run, "Purchase"), p => Assert.Equal("Sent", p.GetProperty("state").GetString()));
        // One posting call per document: a refusal is not retried by the client, nor by the outbox.
        Assert.Equal(transfers.Length, fixture.Simulator.State.Requests.OneC.Log.Count(e => e.Path.EndsWith("/Post")));
        Assert.All(fixture.Simulator.State.TransferOrders, d => Assert.False(d.Posted));

        // Each parking is an ERROR log of its own, and so is the run's end with failures: the Logs page filtered by ERROR leads with them.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        JsonElement[] errors;
        do
        {
            var found = await fixture.Host.Scenario(s => s.Get.Url($"/api/v1/logs?run_id={run.GetProperty("id").GetGuid()}&level=ERROR&page_size=2000"));
            errors = (await found.ReadAsJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray().ToArray();
            if (errors.Length >= transfers.Length + 1) break;
            await Task.Delay(100);
        } while (DateTime.UtcNow < deadline);
        Assert.All(transfers, t => Assert.Contains(errors, l => l.GetProperty("request_id").GetString() == t.GetProperty("id").GetString()
            && l.GetProperty("status").GetString() == "failed" && l.GetProperty("external_system").GetString() == "1c"
            && l.GetProperty("step").GetString() == "delivery" && l.GetProperty("error_message").GetString()!.Contains("Не удалось провести")));
        var end = Assert.Single(errors, l => l.GetProperty("step").GetString() == "run_end");
        Assert.Contains($"{transfers.Length} of {Orders(run, "Transfer").Length + Orders(run, "Purchase").Length} orders parked", end.GetProperty("message").GetString());
    }

    [Fact]
    public async Task a_second_run_with_nothing_received_orders_nothing_and_a_shipment_in_moysklad_counts_as_far_as_it_went()
    {
        var first = await fixture.WaitForRunAsync(await fixture.TriggerAsync(), ReplenishmentFixture.Ended);
        Assert.Equal("Completed", first.GetProperty("status").GetString());
        var purchases = Orders(first, "Purchase");
        Assert.True(purchases.Length >= 2, "the catalogue plans customer orders for at least two shops");
        Assert.NotEmpty(Orders(first, "Transfer"));

        // Nothing arrived: 1C's register holds the transfer orders, the hub knows its customer orders in МойСклад.
        var second = await fixture.WaitForRunAsync(await fixture.TriggerAsync(), ReplenishmentFixture.Ended);
        Assert.Equal("Completed", second.GetProperty("status").GetString());
        Assert.Empty(second.GetProperty("orders").EnumerateArray());
        Assert.Contains(second.GetProperty("skipped").EnumerateObject(), p => p.Name == "below the minimum, covered by what is on its way");

        // The seller ships one customer order in full and half of another.
        var shippedInFull = purchases[0];
        var halfShipped = purchases[1];
        var documents = fixture.Simulator.State.CustomerOrders.ToDictionary(o => o.SyncId!.Value);
        Assert.NotNull(fixture.Simulator.State.ShipCustomerOrder(documents[shippedInFull.GetProperty("id").GetGuid()].Id, 1m));
        Assert.NotNull(fixture.Simulator.State.ShipCustomerOrder(documents[halfShipped.GetProperty("id").GetGuid()].Id, 0.5m));

        var third = await fixture.WaitForRunAsync(await fixture.TriggerAsync(), ReplenishmentFixture.Ended);
        // What is left of the half-shipped order is on its way, in words.
        var halfShelves = halfShipped.GetProperty("lines").EnumerateArray()
            .Select(l => (halfShipped.GetProperty("recipient_key").GetGuid(), l.GetProperty("item_key").GetGuid(), l.GetProperty("characteristic_key").GetGuid())).ToHashSet();
        var decisions = third.GetProperty("decisions").EnumerateArray().ToArray();
        Assert.All(decisions.Where(d => halfShelves.Contains((d.GetProperty("warehouse_key").GetGuid(), d.GetProperty("item_key").GetGuid(), d.GetProperty("characteristic_key").GetGuid()))),
            d => Assert.Contains("ordered in МойСклад, not shipped", d.GetProperty("reason").GetString()));
        // The order shipped in full is recorded as such on its stream, and no plan asks МойСклад about it again.
        var timeline = (await (await fixture.Host.Scenario(s => s.Get.Url($"/api/v1/runs/{first.GetProperty("id").GetGuid()}/timeline?page_size=1000"))).ReadAsJsonAsync<JsonElement>())
            .GetProperty("items").EnumerateArray().ToArray();
        var shipped = Assert.Single(timeline, e => e.GetProperty("event").GetString() == "order_shipped");
        Assert.Equal(shippedInFull.GetProperty("id").GetGuid(), shipped.GetProperty("order_id").GetGuid());
        Assert.Contains("shipped customer order", shipped.GetProperty("text").GetString());
        var asked = fixture.Simulator.State.Requests.MoySklad.Log.Count(e => e.Path.EndsWith("/positions"));
        await fixture.WaitForRunAsync(await fixture.TriggerAsync(new { dry_run = true }), ReplenishmentFixture.Ended);
        var askedAgain = fixture.Simulator.State.Requests.MoySklad.Log.Count(e => e.Path.EndsWith("/positions")) - asked;
        // Once per customer order still awaiting shipment: the first run's but the one shipped in full, and the third run's own.
        Assert.Equal(purchases.Length - 1 + Orders(third, "Purchase").Length, askedAgain);
    }

    [Fact]
    public async Task after_half_of_a_transfer_order_is_received_the_next_run_transfers_nothing_again()
    {
        var first = await fixture.WaitForRunAsync(await fixture.TriggerAsync(), ReplenishmentFixture.Ended);
        Assert.Equal("Completed", first.GetProperty("status").GetString());
        var transfers = Orders(first, "Transfer");
        Assert.NotEmpty(transfers);
        var documents = fixture.Simulator.State.TransferOrders.Count;

        // Half of the first transfer order arrives at its shop (a ПеремещениеТоваров by the order): 1C's balance grows by
        // that half and what is still to be received shrinks by it.
        using var sim = new HttpClient { BaseAddress = fixture.Simulator.BaseAddress };
        var received = await sim.PostAsync($"/_sim/1c/documents/{transfers[0].GetProperty("external_id").GetString()}/receive?share=0.5", null);
        Assert.True(received.IsSuccessStatusCode, await received.Content.ReadAsStringAsync());

        var second = await fixture.WaitForRunAsync(await fixture.TriggerAsync(), ReplenishmentFixture.Ended);
        Assert.Empty(Orders(second, "Transfer"));
        Assert.Equal(documents, fixture.Simulator.State.TransferOrders.Count);
        Assert.Contains(second.GetProperty("skipped").EnumerateObject(), p => p.Name == "below the minimum, covered by what is on its way" && p.Value.GetInt32() > 0);
    }

    [Fact]
    public async Task a_second_run_does_not_transfer_again_what_the_first_left_parked_and_says_so()
    {
        // 1C refuses every posting: the first run's transfer orders are parked, nothing arrives, 1C's register shows nothing on its way.
        fixture.Fault(SimulatorSystem.OneC, new FaultSettings { FailPost = true });
        var first = await fixture.WaitForRunAsync(await fixture.TriggerAsync(), ReplenishmentFixture.Ended);
        var parked = Orders(first, "Transfer");
        Assert.NotEmpty(parked);
        Assert.All(parked, t => Assert.Equal("Parked", t.GetProperty("state").GetString()));

        var second = await fixture.WaitForRunAsync(await fixture.TriggerAsync(), ReplenishmentFixture.Ended);
        Assert.Empty(Orders(second, "Transfer"));
        Assert.Equal(parked.Length, fixture.Simulator.State.TransferOrders.Count);
        // What the parked orders carry counts as on its way to each shelf, in words; a shelf they cover is not decided again.
        var shelves = parked.SelectMany(t => t.GetProperty("lines").EnumerateArray().Select(l =>
            (Shop: t.GetProperty("recipient_key").GetGuid(), Item: l.GetProperty("item_key").GetGuid(), Variant: l.GetProperty("characteristic_key").GetGuid()))).ToHashSet();
        var again = second.GetProperty("decisions").EnumerateArray()
            .Where(d => shelves.Contains((d.GetProperty("warehouse_key").GetGuid(), d.GetProperty("item_key").GetGuid(), d.GetProperty("characteristic_key").GetGuid()))).ToArray();
        Assert.All(again, d => Assert.Contains("parked in the hub, not discarded", d.GetProperty("reason").GetString()));
        Assert.True(second.GetProperty("skipped").EnumerateObject().Any(p => p.Name == "below the minimum, covered by what is on its way" && p.Value.GetInt32() > 0),
            "some shelves are covered by the parked orders alone");
    }
}

/// <summary>A hub whose settings name no priority, against a base that has three: nothing may be sent.</summary>
public sealed class UnresolvedSettingsFixture : HubFixture
{
    public RunningSimulator Simulator { get; private set; } = null!;

    protected override string DatabaseName => "replenishment_unresolved";

    protected override async Task StartDependenciesAsync() => Simulator = await SimulatorServer.StartAsync(new SimulatorOptions { ItemCount = 30 });

    protected override async Task StopDependenciesAsync() => await Simulator.DisposeAsync();

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = ReplenishmentFixture.SimulatorSettings(Simulator);
            settings.Remove("OneC:TransferOrder:Priority");
            return settings;
        }
    }
}

[CollectionDefinition(Name)]
public sealed class UnresolvedSettingsCollection : ICollectionFixture<UnresolvedSettingsFixture>
{
    public const string Name = "replenishment_unresolved";
}

[Collection(UnresolvedSettingsCollection.Name)]
public sealed class UnresolvedSettingsTests(UnresolvedSettingsFixture fixture)
{
    [Fact]
    public async Task a_priority_the_settings_do_not_name_stops_the_run_before_anything_is_sent_naming_the_setting()
    {
        var trigger = await fixture.Host.Scenario(s =>
        {
            s.Post.Json(new { }).ToUrl("/api/v1/trigger/internal-replenishment");
            s.StatusCodeShouldBe(202);
        });
        var id = (await trigger.ReadAsJsonAsync<JsonElement>()).GetProperty("run_id").GetGuid();

        JsonElement run;
        var deadline = DateTime.UtcNow.AddMinutes(2);
        do
        {
            await Task.Delay(100);
            run = await (await fixture.Host.Scenario(s => s.Get.Url($"/api/v1/runs/{id}"))).ReadAsJsonAsync<JsonElement>();
        } while (!ReplenishmentFixture.Ended(run) && DateTime.UtcNow < deadline);

        Assert.Equal("Failed", run.GetProperty("status").GetString());
        var error = run.GetProperty("error").GetString()!;
        Assert.Contains("(set OneC:TransferOrder:Priority)", error);
        Assert.Contains("Catalog_Приоритеты", error);
        Assert.Empty(fixture.Simulator.State.TransferOrders);
        Assert.Empty(fixture.Simulator.State.CustomerOrders);
        Assert.DoesNotContain(fixture.Simulator.State.Requests.OneC.Log, e => e.Method == "POST");
    }
}
