using System.Net;
using System.Text.Json;
using Alba;
using Hub.Replenishment.ConfirmPlan;
using Hub.Replenishment.Runs;
using Hub.Tests.Admin;
using Hub.Tests.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Hub.Tests.Replenishment.ConfirmPlan;

/// <summary>
/// A person's run whose plan orders more for shelves with goods already on their way: it waits for their yes. The goods on
/// their way are the rest of customer orders МойСклад's seller shipped nine tenths of; 1C's stock did not grow, so what was shipped
/// is needed again (a shop that sells as fast as it is supplied).
/// </summary>
[Collection(ReplenishmentCollection.Name)]
public sealed class ConfirmPlanTests(ReplenishmentFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAllAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A first real run two hours ago, mostly shipped since; then a run from the command line, which waits.</summary>
    private async Task<(Guid RunId, JsonElement Run, int CustomerOrders)> WaitingRunAsync()
    {
        var firstId = await fixture.TriggerAsync();
        var first = await fixture.WaitForRunAsync(firstId, ReplenishmentFixture.Ended);
        Assert.Equal("Completed", first.GetProperty("status").GetString());
        foreach (var order in fixture.Simulator.State.CustomerOrders) fixture.Simulator.State.ShipCustomerOrder(order.Id, 0.9m);
        await AgeAsync(firstId, TimeSpan.FromHours(2));
        var sent = fixture.Simulator.State.CustomerOrders.Count;

        var id = await fixture.TriggerAsync(new { trigger = "cli" });
        var run = await fixture.WaitForRunAsync(id, r => r.GetProperty("status").GetString() is not ("Planning" or "Dispatching"));
        Assert.True(run.GetProperty("status").GetString() == "AwaitingConfirmation", $"trigger {run.GetProperty("trigger")}: {run.GetProperty("skipped")} {run.GetProperty("warnings")} shipped {string.Join(",", fixture.Simulator.State.CustomerOrders.Select(o => $"{o.Positions.Sum(p => p.Shipped)}/{o.Positions.Sum(p => p.Quantity)}"))}");
        return (id, run, sent);
    }

    /// <summary>What a run from two hours ago looks like: the repeat-within-the-hour question does not come up.</summary>
    private async Task AgeAsync(Guid runId, TimeSpan age)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        var table = $"{fixture.Store.Options.DatabaseSchemaName}.mt_doc_replenishment_run";
        await using var update = new NpgsqlCommand(
            $"update {table} set requested_at = requested_at - $2, data = jsonb_set(data, '{{requested_at}}', to_jsonb(requested_at - $2)) where id = $1", connection);
        update.Parameters.Add(new NpgsqlParameter { Value = runId });
        update.Parameters.Add(new NpgsqlParameter { Value = age });
        Assert.Equal(1, await update.ExecuteNonQueryAsync());
    }

    private async Task<(int Status, JsonElement Body)> PostAsync(string url)
    {
        using var client = fixture.Client(TestKeys.Operator);
        using var response = await client.PostAsync(url, null);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    [Fact]
    public async Task a_plan_on_top_of_goods_on_their_way_waits_holding_its_scope_and_once_confirmed_sends_its_orders_once()
    {
        var (id, run, before) = await WaitingRunAsync();
        var orders = run.GetProperty("orders").GetArrayLength();
        Assert.True(orders > 0);
        // The decisions it asks about say what is on its way, in words; nothing reached МойСклад or 1C yet.
        Assert.Contains(run.GetProperty("decisions").EnumerateArray(), d => d.GetProperty("on_its_way").GetDecimal() > 0
            && d.GetProperty("reason").GetString()!.Contains("not shipped"));
        Assert.Equal(before, fixture.Simulator.State.CustomerOrders.Count);
        Assert.True(run.GetProperty("confirm_by").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(55));
        // Its scope is held: another real run is refused until it is answered.
        var refused = await fixture.Host.Scenario(s =>
        {
            s.Post.Json(new { }).ToUrl("/api/v1/trigger/internal-replenishment");
            s.StatusCodeShouldBe(409);
        });
        var conflict = await refused.ReadAsTextAsync();
        Assert.Contains(id.ToString(), conflict);
        Assert.Contains("waits for a person to confirm or decline its plan", conflict);
        // If nobody answers, it gives up by itself in an hour: the answer is already scheduled in Wolverine's inbox.
        await using (var connection = new NpgsqlConnection(fixture.ConnectionString))
        {
            await connection.OpenAsync();
            await using var scheduled = new NpgsqlCommand(
                "select execution_time from wolverine.wolverine_incoming_envelopes where status = 'Scheduled' and message_type like '%ConfirmRun%'", connection);
            var at = (DateTime)(await scheduled.ExecuteScalarAsync())!;
            Assert.InRange(new DateTimeOffset(at, TimeSpan.Zero), DateTimeOffset.UtcNow.AddMinutes(55), DateTimeOffset.UtcNow.AddMinutes(61));
        }

        var (status, body) = await PostAsync($"/api/v1/runs/{id}/confirm");
        Assert.Equal(200, status);
        Assert.Equal(("Sent", orders), (body.GetProperty("outcome").GetString(), body.GetProperty("orders").GetInt32()));
        var ended = await fixture.WaitForRunAsync(id, ReplenishmentFixture.Ended);
        Assert.Equal("Completed", ended.GetProperty("status").GetString());
        Assert.All(ended.GetProperty("orders").EnumerateArray(), o => Assert.Equal("Sent", o.GetProperty("state").GetString()));
        var purchases = ended.GetProperty("orders").EnumerateArray().Count(o => o.GetProperty("kind").GetString() == "Purchase");
        Assert.Equal(before + purchases, fixture.Simulator.State.CustomerOrders.Count);
        Assert.All(fixture.Simulator.State.CustomerOrders.GroupBy(c => c.SyncId), g => Assert.Single(g));

        // A second yes (a double click), and the hour's give-up arriving after it, change nothing.
        (status, body) = await PostAsync($"/api/v1/runs/{id}/confirm");
        Assert.Equal(409, status);
        Assert.Contains("answered by test-operator", body.GetProperty("detail").GetString());
        using var scope = fixture.Host.Services.CreateScope();
        var late = await scope.ServiceProvider.GetRequiredService<Wolverine.IMessageBus>()
            .InvokeAsync<ConfirmRunResult>(new ConfirmRun(id, false, ConfirmRunHandler.Unanswered));
        Assert.Equal(ConfirmRunOutcome.NotAwaiting, late.Outcome);
        Assert.Equal(before + purchases, fixture.Simulator.State.CustomerOrders.Count);
        var timeline = (await (await fixture.Host.Scenario(s => s.Get.Url($"/api/v1/runs/{id}/timeline"))).ReadAsJsonAsync<JsonElement>())
            .GetProperty("items").EnumerateArray().Select(e => e.GetProperty("event").GetString()).ToArray();
        Assert.Equal(["requested", "planning_started", "planned", "awaiting_confirmation", "confirmed"], timeline.Where(e => !e!.StartsWith("order_")).Take(5));
    }

    [Fact]
    public async Task an_operator_declines_it_on_its_page_and_nothing_is_sent_and_its_scope_is_free()
    {
        var (id, _, before) = await WaitingRunAsync();
        using var session = new CookieSession(fixture.Client());
        await session.SignInAsync(TestKeys.Operator);
        var (_, page, _) = await session.GetAsync($"/admin/runs/{id}");
        Assert.Contains("<section class=\"notice\" id=\"awaiting-confirmation\">", page);
        Assert.Contains("в пути", page);
        Assert.Contains($"action=\"/admin/runs/{id}/confirm\"", page);
        Assert.Contains("ещё не отправлен: ждёт подтверждения", page);
        var (_, list, _) = await session.GetAsync("/admin/runs");
        Assert.Contains($"<li class=\"attention awaiting\" data-run=\"{id}\">", list);

        var (status, _, response) = await session.PostAsync($"/admin/runs/{id}/decline", new Dictionary<string, string> { ["__csrf"] = session.LastToken! });
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal($"/admin/runs/{id}", response.Headers.Location?.OriginalString);
        var run = await fixture.RunAsync(id);
        Assert.Equal("Planned", run.GetProperty("status").GetString());
        Assert.NotEmpty(run.GetProperty("orders").EnumerateArray());
        Assert.Equal(before, fixture.Simulator.State.CustomerOrders.Count);
        var (_, after, _) = await session.GetAsync($"/admin/runs/{id}");
        Assert.Contains("не отправлен (план отклонён)", after);
        Assert.DoesNotContain("id=\"awaiting-confirmation\"", after);

        // The scope is free again, and an API client is never asked.
        var next = await fixture.WaitForRunAsync(await fixture.TriggerAsync(), ReplenishmentFixture.Ended);
        Assert.Equal("Completed", next.GetProperty("status").GetString());
        Assert.True(fixture.Simulator.State.CustomerOrders.Count > before);
    }

    [Fact]
    public async Task a_viewer_sees_the_question_without_the_answers_and_cannot_answer()
    {
        var (id, _, _) = await WaitingRunAsync();
        using var viewer = fixture.Client(TestKeys.Viewer);
        viewer.DefaultRequestHeaders.Add("Accept", "text/html");
        var page = await viewer.GetStringAsync($"/admin/runs/{id}");
        Assert.Contains("id=\"awaiting-confirmation\"", page);
        Assert.DoesNotContain($"action=\"/admin/runs/{id}/confirm\"", page);
        using var refused = await viewer.PostAsync($"/api/v1/runs/{id}/confirm", null);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var (status, body) = await PostAsync($"/api/v1/runs/{Guid.NewGuid()}/decline");
        Assert.Equal(404, status);
        Assert.Contains("no run has id", body.GetProperty("detail").GetString());
        Assert.Equal("AwaitingConfirmation", (await fixture.RunAsync(id)).GetProperty("status").GetString());

        // Nobody answers: the give-up scheduled with the plan ends it Planned, nothing sent, and says who (nobody) answered.
        using var scope = fixture.Host.Services.CreateScope();
        var gaveUp = await scope.ServiceProvider.GetRequiredService<Wolverine.IMessageBus>()
            .InvokeAsync<ConfirmRunResult>(new ConfirmRun(id, false, ConfirmRunHandler.Unanswered));
        Assert.Equal(ConfirmRunOutcome.Declined, gaveUp.Outcome);
        Assert.Equal("Planned", (await fixture.RunAsync(id)).GetProperty("status").GetString());
        var timeline = (await (await fixture.Host.Scenario(s => s.Get.Url($"/api/v1/runs/{id}/timeline"))).ReadAsJsonAsync<JsonElement>()).GetProperty("items");
        Assert.Contains(timeline.EnumerateArray(), e => e.GetProperty("event").GetString() == "declined" && e.GetProperty("text").GetString()!.Contains("no answer within the hour"));
    }
}
