using System.Text.Json;
using Alba;
using Hub.Simulators;
using Hub.Simulators.Faults;
using Hub.Outbox.Deliveries;
using Hub.Tests.Replenishment;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Wolverine.Runtime;

namespace Hub.Tests.Outbox.DeadLetters;

[Collection(ReplenishmentCollection.Name)]
public sealed class DeadLettersTests(ReplenishmentFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAllAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>1C refuses every create until its retries run out: the transfer orders end parked, МойСклад's are sent.</summary>
    private async Task<(Guid RunId, JsonElement Run)> ParkTransferOrdersAsync()
    {
        fixture.Fault(SimulatorSystem.OneC, new FaultSettings { Methods = "POST", ErrorRate = 1 });
        var id = await fixture.TriggerAsync();
        var run = await fixture.WaitForRunAsync(id, ReplenishmentFixture.Ended);
        return (id, run);
    }

    private async Task<JsonElement> GetAsync(string url)
    {
        var result = await fixture.Host.Scenario(s => s.Get.Url(url));
        return await result.ReadAsJsonAsync<JsonElement>();
    }

    private async Task<JsonElement> PostAsync(string url, object body, int status = 200)
    {
        var result = await fixture.Host.Scenario(s =>
        {
            s.Post.Json(body).ToUrl(url);
            s.StatusCodeShouldBe(status);
        });
        return await result.ReadAsJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task a_parking_whose_record_was_lost_is_found_in_wolverines_dead_letters_and_recorded_once()
    {
        var (runId, run) = await ParkTransferOrdersAsync();
        var lost = run.GetProperty("orders").EnumerateArray().First(o => o.GetProperty("kind").GetString() == "Transfer").GetProperty("id").GetGuid();
        var envelope = (await fixture.Store.QuerySession().LoadAsync<Delivery>(lost))!.EnvelopeId;
        // What a database outage between Wolverine's parking and the hub's record leaves: Wolverine holds the message,
        // the delivery view still says retrying.
        await using (var connection = new NpgsqlConnection(fixture.ConnectionString))
        {
            await connection.OpenAsync();
            await using var rewind = new NpgsqlCommand(
                $"update {fixture.Store.Options.DatabaseSchemaName}.{Delivery.TableName} set state = 'Retrying', data = jsonb_set(data, '{{state}}', '\"Retrying\"') where id = $1", connection);
            rewind.Parameters.Add(new NpgsqlParameter { Value = lost });
            await rewind.ExecuteNonQueryAsync();
        }
        Assert.Equal(DeliveryState.Retrying, (await fixture.Store.QuerySession().LoadAsync<Delivery>(lost))!.State);

        var runtime = fixture.Host.Services.GetRequiredService<IWolverineRuntime>();
        var clock = fixture.Host.Services.GetRequiredService<TimeProvider>();
        Assert.Equal(1, await ParkedOrderReconciler.ReconcileAsync(runtime, fixture.Store, clock, CancellationToken.None, TimeSpan.Zero));
        Assert.Equal(0, await ParkedOrderReconciler.ReconcileAsync(runtime, fixture.Store, clock, CancellationToken.None, TimeSpan.Zero));

        var view = (await fixture.Store.QuerySession().LoadAsync<Delivery>(lost))!;
        Assert.Equal((DeliveryState.Parked, envelope), (view.State, view.EnvelopeId));
        Assert.Contains(view.Id, (await GetAsync($"/api/v1/dead-letters?run_id={runId}")).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
        var events = await fixture.Store.QuerySession().Events.FetchStreamAsync(lost);
        Assert.Equal(2, events.Count(e => e.Data is OrderDeadLettered));
        // The parking it recorded writes its ERROR log too, beside the one the first record wrote.
        await fixture.Host.Services.GetRequiredService<IIntegrationLogWriter>().FlushAsync();
        var errors = (await GetAsync($"/api/v1/logs?request_id={lost}&level=ERROR")).GetProperty("items").EnumerateArray().ToArray();
        Assert.Equal(2, errors.Count(l => l.GetProperty("step").GetString() == "delivery" && l.GetProperty("status").GetString() == "failed"));
    }

    [Fact]
    public async Task orders_that_keep_failing_are_parked_listed_by_filter_and_shown_on_their_run()
    {
        var (runId, run) = await ParkTransferOrdersAsync();

        Assert.Equal("CompletedWithFailures", run.GetProperty("status").GetString());
        var transfers = run.GetProperty("orders").EnumerateArray().Where(o => o.GetProperty("kind").GetString() == "Transfer").ToArray();
        Assert.All(transfers, t =>
        {
            Assert.Equal("Parked", t.GetProperty("state").GetString());
            Assert.Equal(ReplenishmentFixture.RetryDelays.Length + 1, t.GetProperty("attempts").GetInt32());
            Assert.Contains("HTTP 5", t.GetProperty("reason").GetString());
        });

        var page = await GetAsync($"/api/v1/dead-letters?system=1c&run_id={runId}&page_size=2");
        var listed = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
        for (var next = page.GetProperty("next"); next.ValueKind == JsonValueKind.String; next = page.GetProperty("next"))
        {
            page = await GetAsync($"/api/v1/dead-letters?system=1c&run_id={runId}&page_size=2&next={next.GetString()}");
            listed.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
        }

        Assert.Equal(transfers.Select(t => t.GetProperty("id").GetGuid()).Order(), listed.Order());
        Assert.Empty((await GetAsync("/api/v1/dead-letters?system=moysklad")).GetProperty("items").EnumerateArray());
        Assert.Empty((await GetAsync($"/api/v1/dead-letters?run_id={Guid.NewGuid()}")).GetProperty("items").EnumerateArray());

        var detail = await GetAsync($"/api/v1/dead-letters/{listed[0]}");
        Assert.True(detail.GetProperty("in_wolverine_dead_letters").GetBoolean());
        Assert.Equal("ExternalApiException", detail.GetProperty("wolverine_exception_type").GetString()?.Split('.').Last());
    }

    [Fact]
    public async Task a_replay_counts_first_then_sends_the_parked_orders_once_the_fault_is_off()
    {
        var (runId, _) = await ParkTransferOrdersAsync();
        var parked = (await GetAsync($"/api/v1/dead-letters?run_id={runId}")).GetProperty("items").GetArrayLength();
        Assert.True(parked > 0);

        var count = await PostAsync("/api/v1/dead-letters/replay", new { system = "1c", dry_run = true });
        Assert.Equal(parked, count.GetProperty("matched").GetInt32());
        Assert.Empty(fixture.Simulator.State.TransferOrders);

        fixture.Simulator.Faults.Reset();
        var done = await PostAsync("/api/v1/dead-letters/replay", new { system = "1c" });
        Assert.Equal(parked, done.GetProperty("matched").GetInt32());

        var run = await fixture.WaitForRunAsync(runId, r => r.GetProperty("status").GetString() == "Completed");
        var transfers = run.GetProperty("orders").EnumerateArray().Where(o => o.GetProperty("kind").GetString() == "Transfer").ToArray();
        Assert.All(transfers, t => Assert.Single(fixture.Simulator.State.TransferOrders, d => d.Comment == $"hub:{t.GetProperty("id").GetGuid()}"));
        Assert.Equal(transfers.Length, fixture.Simulator.State.TransferOrders.Count);
        Assert.Empty((await GetAsync("/api/v1/dead-letters")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task a_discard_drops_the_parked_orders_and_the_run_says_so()
    {
        var (runId, _) = await ParkTransferOrdersAsync();
        var one = (await GetAsync($"/api/v1/dead-letters?run_id={runId}")).GetProperty("items")[0].GetProperty("id").GetGuid();

        var done = await PostAsync("/api/v1/dead-letters/discard", new { ids = new[] { one } });
        Assert.Equal(1, done.GetProperty("matched").GetInt32());

        var run = await fixture.WaitForRunAsync(runId, r => r.GetProperty("orders").EnumerateArray()
            .Any(o => o.GetProperty("id").GetGuid() == one && o.GetProperty("state").GetString() == "Discarded"));
        Assert.Equal("CompletedWithFailures", run.GetProperty("status").GetString());
        Assert.DoesNotContain((await GetAsync("/api/v1/dead-letters")).GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == one);
    }

    [Fact]
    public async Task replay_without_ids_or_filter_is_refused_so_nothing_is_replayed_by_accident()
    {
        var problem = await PostAsync("/api/v1/dead-letters/replay", new { }, 400);
        Assert.Contains(problem.GetProperty("errors").EnumerateArray(), e => e.GetProperty("name").GetString() == "ids");
        var unknownSystem = await PostAsync("/api/v1/dead-letters/replay", new { system = "amocrm" }, 400);
        Assert.Contains(unknownSystem.GetProperty("errors").EnumerateArray(), e => e.GetProperty("name").GetString() == "system");
    }
}
