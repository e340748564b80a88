using System.Text.Json;
using Hub.Integrations.Http;
using Hub.Integrations.OneC;
using Hub.Simulators.Faults;
using Hub.Tests.Infrastructure;

namespace Hub.Tests.Integrations.OneC;

/// <summary>
/// 1C has no idempotency key and creating is two requests (create, then Post). The client looks up its marker
/// in Комментарий first, so a resend after any failure finishes the one document instead of adding another.
/// </summary>
public sealed class IdempotencyTests
{
    private static Task<ClientHarness> StartAsync() =>
        // A short client timeout, so a hanging answer is given up on long before the simulator would drop it.
        ClientHarness.StartAsync(settings: s => s["OneC:TimeoutSeconds"] = "1");

    [Fact]
    public async Task a_create_that_timed_out_while_1c_wrote_it_is_found_by_its_marker_and_posted_not_created_again()
    {
        await using var h = await StartAsync();
        var order = TransferOrders.Request(h, $"hub:{Guid.NewGuid()}");
        h.Sim.Faults.OneC = new FaultSettings { TimeoutRate = 1, TimeoutMs = 30_000, Methods = "POST" };

        var lost = await Assert.ThrowsAsync<ExternalApiException>(() => h.OneC.CreateTransferOrderAsync(order, CancellationToken.None));
        var left = Assert.Single(h.Sim.State.TransferOrders);
        h.Sim.Faults.Reset();
        var resent = await h.OneC.CreateTransferOrderAsync(order, CancellationToken.None);

        Assert.Null(lost.Status);
        Assert.True(lost.IsTransient);
        Assert.False(left.Posted);
        Assert.Equal(TransferOrderOutcome.PostedExisting, resent.Outcome);
        Assert.Equal(left.RefKey, resent.RefKey);
        var documents = await h.InspectAsync("_sim/1c/documents");
        Assert.Equal(1, documents.GetProperty("count").GetInt32());
        Assert.True(documents.GetProperty("documents")[0].GetProperty("Posted").GetBoolean());
        Assert.Equal(1, documents.GetProperty("byComment").GetProperty(order.Marker).GetInt32());
    }

    [Fact]
    public async Task a_post_that_failed_for_a_technical_reason_leaves_an_unposted_document_that_the_next_call_posts()
    {
        await using var h = await StartAsync();
        var order = TransferOrders.Request(h, $"hub:{Guid.NewGuid()}");
        h.Sim.Faults.OneC = new FaultSettings { PostUnavailable = true };

        var failed = await Assert.ThrowsAsync<ExternalApiException>(() => h.OneC.CreateTransferOrderAsync(order, CancellationToken.None));
        var unposted = Assert.Single(h.Sim.State.TransferOrders);
        h.Sim.Faults.OneC = FaultSettings.None;
        var finished = await h.OneC.CreateTransferOrderAsync(order, CancellationToken.None);
        var again = await h.OneC.CreateTransferOrderAsync(order, CancellationToken.None);

        Assert.True(failed.IsTransient);
        Assert.False(failed.IsRefusal);
        Assert.False(unposted.Posted);
        Assert.Equal(new TransferOrderResult(unposted.RefKey, unposted.Number, TransferOrderOutcome.PostedExisting), finished);
        Assert.Equal(TransferOrderOutcome.AlreadyExisted, again.Outcome);
        var document = Assert.Single(h.Sim.State.TransferOrders);
        Assert.Equal(unposted.RefKey, document.RefKey);
        Assert.True(document.Posted);
        Assert.Equal(1, h.Sim.State.Requests.OneC.Log.Count(e => e.Method == "POST" && !e.Path.EndsWith("/Post")));
    }

    [Fact]
    public async Task a_posting_refused_by_1c_is_a_refusal_with_1cs_text_and_is_not_tried_again_by_the_client()
    {
        await using var h = await StartAsync();
        var order = TransferOrders.Request(h, $"hub:{Guid.NewGuid()}");
        h.Sim.Faults.OneC = new FaultSettings { FailPost = true };

        var refused = await Assert.ThrowsAsync<ExternalApiException>(() => h.OneC.CreateTransferOrderAsync(order, CancellationToken.None));

        Assert.True(refused.IsRefusal);
        Assert.False(refused.IsTransient);
        Assert.StartsWith("Ошибка при вызове метода контекста (Записать): Не удалось провести", refused.Text);
        Assert.Single(h.Sim.State.Requests.OneC.Log, e => e.Path.EndsWith("/Post"));
        Assert.False(Assert.Single(h.Sim.State.TransferOrders).Posted);
        // Its call log says failed, not retrying: nothing will try it again.
        var post = Assert.Single(h.Logs.Entries, e => e.Action == "post_transfer_order");
        Assert.Equal(Hub.Contracts.Logging.LogStatuses.Failed, post.Status);
        Assert.Equal(Hub.Contracts.Logging.LogLevels.Error, post.Level);
    }

    public static TheoryData<string, FaultSettings> Faults => new()
    {
        { "latency", new FaultSettings { LatencyMs = 200 } },
        { "5xx", new FaultSettings { ErrorRate = 0.3 } },
        { "timeouts", new FaultSettings { TimeoutRate = 0.3, TimeoutMs = 5_000 } },
        { "drops", new FaultSettings { DropRate = 0.3 } },
        { "html 5xx", new FaultSettings { ErrorRate = 0.3, HtmlErrors = true } },
        { "posts that fail for a technical reason", new FaultSettings { PostUnavailable = true } },
        { "everything", new FaultSettings { LatencyMs = 50, ErrorRate = 0.15, TimeoutRate = 0.1, TimeoutMs = 5_000, DropRate = 0.15, HtmlErrors = true } },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task transfer_orders_sent_until_done_under_a_fault_land_exactly_once_each_and_posted(string fault, FaultSettings settings)
    {
        await using var h = await StartAsync();
        h.Sim.Faults.OneC = settings;

        var markers = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var order = TransferOrders.Request(h, $"hub:{fault}:{Guid.NewGuid()}", quantity: i + 1);
            // A post that keeps failing is finished once 1C lets it through; the resend loop plays the outbox.
            if (settings.PostUnavailable) await Assert.ThrowsAsync<ExternalApiException>(() => h.OneC.CreateTransferOrderAsync(order, CancellationToken.None));
            markers.Add(order.Marker);
        }
        if (settings.PostUnavailable) h.Sim.Faults.OneC = FaultSettings.None;
        foreach (var (marker, i) in markers.Select((m, i) => (m, i)))
            await Resend.UntilDoneAsync(() => h.OneC.CreateTransferOrderAsync(TransferOrders.Request(h, marker, quantity: i + 1), CancellationToken.None));

        var documents = await h.InspectAsync("_sim/1c/documents");
        Assert.Equal(6, documents.GetProperty("count").GetInt32());
        var byComment = documents.GetProperty("byComment").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
        Assert.Equal(markers.Order(), byComment.Keys.Order());
        Assert.All(byComment.Values, n => Assert.Equal(1, n));
        Assert.All(documents.GetProperty("documents").EnumerateArray(), d => Assert.True(d.GetProperty("Posted").GetBoolean()));
        Assert.Equal(Enumerable.Range(1, 6).Select(i => (decimal)i),
            documents.GetProperty("documents").EnumerateArray().Select(d => d.GetProperty("Товары")[0].GetProperty("Количество").GetDecimal()).Order());
    }
}
