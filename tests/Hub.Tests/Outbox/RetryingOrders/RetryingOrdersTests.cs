using System.Text.Json;
using Hub.Outbox.Deliveries;
using Hub.Tests.Admin;
using Hub.Simulators;
using Hub.Simulators.Faults;
using Hub.Tests.Infrastructure;
using Hub.Tests.Replenishment;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Hub.Tests.Outbox.RetryingOrders;

[Collection(SlowRetryCollection.Name)]
public sealed class RetryingOrdersTests(SlowRetryFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAllAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>1C refuses every create once: each transfer order waits ten minutes for its retry.</summary>
    private async Task<(Guid RunId, Guid[] Transfers)> RetryingTransfersAsync()
    {
        fixture.Fault(SimulatorSystem.OneC, new FaultSettings { Methods = "POST", ErrorRate = 1 });
        var runId = await fixture.TriggerAsync();
        var run = await fixture.WaitForRunAsync(runId, r =>
        {
            var transfers = Transfers(r).ToArray();
            return transfers.Length > 0 && transfers.All(o => o.GetProperty("state").GetString() == "Retrying");
        });
        fixture.Simulator.Faults.Reset();
        return (runId, Transfers(run).Select(o => o.GetProperty("id").GetGuid()).ToArray());
    }

    private static IEnumerable<JsonElement> Transfers(JsonElement run) =>
        run.GetProperty("orders").EnumerateArray().Where(o => o.GetProperty("kind").GetString() == "Transfer");

    private static JsonElement Order(JsonElement run, Guid id) => run.GetProperty("orders").EnumerateArray().Single(o => o.GetProperty("id").GetGuid() == id);

    /// <summary>A POST with no body and no content type, as curl -X POST sends it.</summary>
    private async Task<(int Status, JsonElement Body)> PostAsync(string url, string key = TestKeys.Operator)
    {
        using var client = fixture.Client(key);
        using var response = await client.PostAsync(url, null);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private async Task<long> ScheduledRowsAsync(Guid orderId)
    {
        var envelope = (await fixture.Store.QuerySession().LoadAsync<Delivery>(orderId))!.EnvelopeId;
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("select count(*) from wolverine.wolverine_incoming_envelopes where id = $1 and status = 'Scheduled'", connection);
        count.Parameters.Add(new NpgsqlParameter { Value = envelope });
        return (long)(await count.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task a_retrying_order_sent_now_reaches_1c_within_seconds_instead_of_in_ten_minutes()
    {
        var (runId, transfers) = await RetryingTransfersAsync();
        var first = transfers[0];
        Assert.True(Order(await fixture.RunAsync(runId), first).GetProperty("next_attempt_at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(9));

        var (status, body) = await PostAsync($"/api/v1/orders/{first}/send-now");
        Assert.Equal(200, status);
        Assert.Equal(("send_now", "Done", "Retrying"), (body.GetProperty("action").GetString(), body.GetProperty("outcome").GetString(), body.GetProperty("state").GetString()));

        var run = await fixture.WaitForRunAsync(runId, r => Order(r, first).GetProperty("state").GetString() == "Sent");
        Assert.Equal(2, Order(run, first).GetProperty("attempts").GetInt32());
        Assert.Single(fixture.Simulator.State.TransferOrders, d => d.Comment == $"hub:{first}");
        // The others still wait for their own time, and the order's history says who asked.
        Assert.All(transfers.Skip(1), id => Assert.Equal("Retrying", Order(run, id).GetProperty("state").GetString()));
        var events = await fixture.Store.QuerySession().Events.FetchStreamAsync(first);
        Assert.Equal("test-operator", Assert.Single(events.Select(e => e.Data).OfType<OrderBroughtForward>()).By);
    }

    [Fact]
    public async Task a_cancelled_retrying_order_is_never_sent_and_its_run_ends_counting_it_failed()
    {
        var (runId, transfers) = await RetryingTransfersAsync();
        var cancelled = transfers[0];

        var (status, body) = await PostAsync($"/api/v1/orders/{cancelled}/cancel");
        Assert.Equal(200, status);
        Assert.Equal("Discarded", body.GetProperty("state").GetString());
        Assert.Equal(0, await ScheduledRowsAsync(cancelled));
        // Asked again: it is no longer waiting for anything.
        (status, body) = await PostAsync($"/api/v1/orders/{cancelled}/cancel");
        Assert.Equal(409, status);
        Assert.Equal("Discarded", body.GetProperty("state").GetString());
        Assert.Contains("only an order waiting for a retry", body.GetProperty("detail").GetString());

        foreach (var other in transfers.Skip(1)) Assert.Equal(200, (await PostAsync($"/api/v1/orders/{other}/send-now")).Status);
        var run = await fixture.WaitForRunAsync(runId, ReplenishmentFixture.Ended);
        Assert.Equal("CompletedWithFailures", run.GetProperty("status").GetString());
        Assert.Equal("Discarded", Order(run, cancelled).GetProperty("state").GetString());
        Assert.Contains("cancelled by test-operator while retrying", Order(run, cancelled).GetProperty("reason").GetString());
        Assert.DoesNotContain(fixture.Simulator.State.TransferOrders, d => d.Comment == $"hub:{cancelled}");
        Assert.Equal(transfers.Length - 1, fixture.Simulator.State.TransferOrders.Count);
    }

    [Fact]
    public async Task only_an_operator_acts_only_on_a_retrying_order_and_never_on_one_in_flight()
    {
        var (_, transfers) = await RetryingTransfersAsync();
        var order = transfers[0];

        Assert.Equal(403, (await PostAsync($"/api/v1/orders/{order}/cancel", TestKeys.Viewer)).Status);
        var (status, body) = await PostAsync($"/api/v1/orders/{Guid.NewGuid()}/send-now");
        Assert.Equal(404, status);
        Assert.Contains("no order has id", body.GetProperty("detail").GetString());
        Assert.Equal(404, (await PostAsync("/api/v1/orders/not-an-id/send-now")).Status);

        // The list send-now and cancel act on, for a script or the command line; bad filters are named.
        using var viewer = fixture.Client(TestKeys.Viewer);
        var pending = JsonDocument.Parse(await viewer.GetStringAsync("/api/v1/orders/pending?system=1C")).RootElement.GetProperty("items").EnumerateArray().ToArray();
        Assert.Equal(transfers.Order(), pending.Select(p => p.GetProperty("id").GetGuid()).Order());
        Assert.All(pending, p => Assert.Equal("Retrying", p.GetProperty("state").GetString()));
        foreach (var (query, field) in new[] { ("system=wms", "system"), ("limit=0", "limit"), ("run_id=lead-42", "run_id") })
        {
            using var bad = await viewer.GetAsync($"/api/v1/orders/pending?{query}");
            Assert.Equal(400, (int)bad.StatusCode);
            Assert.Contains(field, await bad.Content.ReadAsStringAsync());
        }

        // What Wolverine's poll does before it tries a due attempt: the row is claimed and no longer Scheduled.
        var envelope = (await fixture.Store.QuerySession().LoadAsync<Delivery>(order))!.EnvelopeId;
        await using (var connection = new NpgsqlConnection(fixture.ConnectionString))
        {
            await connection.OpenAsync();
            await using var claim = new NpgsqlCommand("update wolverine.wolverine_incoming_envelopes set status = 'Incoming' where id = $1", connection);
            claim.Parameters.Add(new NpgsqlParameter { Value = envelope });
            Assert.Equal(1, await claim.ExecuteNonQueryAsync());
        }
        (status, body) = await PostAsync($"/api/v1/orders/{order}/cancel");
        Assert.Equal(409, status);
        Assert.Equal("https://integration-hub.local/problems/order-not-retrying", body.GetProperty("type").GetString());
        Assert.Contains("being tried right now", body.GetProperty("detail").GetString());
        var view = (await fixture.Store.QuerySession().LoadAsync<Delivery>(order))!;
        Assert.Equal(DeliveryState.Retrying, view.State);
    }

    [Fact]
    public async Task an_operator_sends_one_now_from_its_runs_page_and_cancels_another_from_the_outbox_page()
    {
        var (runId, transfers) = await RetryingTransfersAsync();
        using var session = new CookieSession(fixture.Client());
        await session.SignInAsync(TestKeys.Operator);

        // The Runs list leads with what waits: here, the orders waiting for a retry, with the way to act on them.
        var (_, list, _) = await session.GetAsync("/admin/runs");
        Assert.Matches($"<section id=\"needs-attention\" class=\"notice\">.*Заказов ждут повторной попытки: {transfers.Length}\\.", list);
        Assert.Contains("href=\"/admin/outbox#pending\"", list);
        var (_, outboxLead, _) = await session.GetAsync("/admin/outbox");
        Assert.Contains($"Ждут решения оператора: 0, ждут повторной попытки: {transfers.Length}.", outboxLead);

        var (_, page, _) = await session.GetAsync($"/admin/runs/{runId}");
        Assert.Contains($"action=\"/admin/orders/{transfers[0]}/send-now\"", page);
        Assert.Contains($"action=\"/admin/orders/{transfers[0]}/cancel\"", page);
        var (status, _, response) = await session.PostAsync($"/admin/orders/{transfers[0]}/send-now",
            new Dictionary<string, string> { ["__csrf"] = session.LastToken!, ["run_id"] = runId.ToString() });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, status);
        Assert.Equal($"/admin/runs/{runId}?order_done=sent_now", response.Headers.Location?.OriginalString);
        var (_, back, _) = await session.GetAsync($"/admin/runs/{runId}?order_done=sent_now");
        Assert.Contains("Заказ будет отправлен в ближайшие секунды.", back);
        await fixture.WaitForRunAsync(runId, r => Order(r, transfers[0]).GetProperty("state").GetString() == "Sent");

        // Each order's lines fold open on its run's page, and its logs are one click away: every call it made, under its id.
        var (_, sentPage, _) = await session.GetAsync($"/admin/runs/{runId}");
        Assert.Contains("<details class=\"lines\"><summary>", sentPage);
        Assert.Contains($"<a href=\"/admin/logs?request_id={transfers[0]}\">журнал</a>", sentPage);
        await fixture.Host.Services.GetRequiredService<Hub.Contracts.Logging.IIntegrationLogWriter>().FlushAsync();
        using var api = fixture.Client(TestKeys.Viewer);
        var calls = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/logs?request_id={transfers[0]}")).RootElement.GetProperty("items").GetArrayLength();
        Assert.True(calls >= 2, $"{calls} logs for the order: its failed attempt and the one that sent it at least");
        var (_, orderLogs, _) = await session.GetAsync($"/admin/logs?request_id={transfers[0]}");
        Assert.Equal(calls, System.Text.RegularExpressions.Regex.Count(orderLogs, "<tr class=\"log\""));
        Assert.Contains($"name=\"request_id\" value=\"{transfers[0]}\"", orderLogs);

        var (_, outbox, _) = await session.GetAsync("/admin/outbox");
        Assert.Contains($"action=\"/admin/orders/{transfers[1]}/cancel\"", outbox);
        Assert.DoesNotContain($"action=\"/admin/orders/{transfers[0]}/cancel\"", outbox);
        (status, _, response) = await session.PostAsync($"/admin/orders/{transfers[1]}/cancel", new Dictionary<string, string> { ["__csrf"] = session.LastToken! });
        Assert.Equal("/admin/outbox?order_done=cancelled", response.Headers.Location?.OriginalString);
        Assert.Equal(DeliveryState.Discarded, (await fixture.Store.QuerySession().LoadAsync<Delivery>(transfers[1]))!.State);
        // The same button a second time changes nothing and says so.
        (_, _, response) = await session.PostAsync($"/admin/orders/{transfers[1]}/cancel", new Dictionary<string, string> { ["__csrf"] = session.LastToken! });
        Assert.Equal("/admin/outbox?order_done=not_retrying", response.Headers.Location?.OriginalString);
        var (_, after, _) = await session.GetAsync("/admin/outbox?order_done=not_retrying");
        Assert.Contains("Заказ больше не ждёт повторной попытки; ничего не изменено.", after);

        // A viewer sees the orders and no buttons.
        using var viewer = new CookieSession(fixture.Client());
        await viewer.SignInAsync(TestKeys.Viewer);
        var (_, seen, _) = await viewer.GetAsync($"/admin/runs/{runId}");
        Assert.Contains("status-Retrying", seen);
        Assert.DoesNotContain("/send-now\"", seen);
    }
}
