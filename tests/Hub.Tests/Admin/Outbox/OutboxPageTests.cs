using System.Net;
using System.Text.RegularExpressions;
using Alba;
using Hub.Contracts.Replenishment;
using Hub.Outbox.Deliveries;
using Hub.Tests.Infrastructure;
using Marten;

namespace Hub.Tests.Admin.Outbox;

[Collection(AdminCollection.Name)]
public sealed class OutboxPageTests(AdminFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAllAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Parked deliveries as the outbox leaves them; no Wolverine envelope, so acting on them touches only the documents.</summary>
    private async Task<List<Guid>> ParkAsync(params (string System, string Exception)[] parked)
    {
        var ids = new List<Guid>();
        await using var session = fixture.Store.LightweightSession();
        var i = 0;
        foreach (var (system, exception) in parked)
        {
            var id = Guid.NewGuid();
            ids.Add(id);
            session.Store(new Delivery
            {
                Id = id, RunId = Guid.NewGuid(), ExternalSystem = system, MessageType = "SendTransferOrder", Description = $"order <{i}>",
                State = DeliveryState.Parked, Attempts = 6, ExceptionType = exception, Reason = "<script>alert(1)</script>",
                FirstAttemptAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow.AddSeconds(i++),
            });
        }
        await session.SaveChangesAsync();
        return ids;
    }

    [Fact]
    public async Task orders_still_on_their_way_are_listed_as_pending()
    {
        await ParkAsync(("1c", "Timeout"));
        await using (var session = fixture.Store.LightweightSession())
        {
            session.Store(new Delivery
            {
                Id = Guid.NewGuid(), RunId = Guid.NewGuid(), ExternalSystem = "moysklad", MessageType = "SendCustomerOrder", Description = "retrying <order>",
                State = DeliveryState.Retrying, Attempts = 2, Reason = "HTTP 503", NextAttemptAt = DateTimeOffset.UtcNow.AddMinutes(1),
                FirstAttemptAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
            });
            await session.SaveChangesAsync();
        }
        var page = await PageAsync("/admin/outbox", TestKeys.Viewer);
        Assert.Equal(1, Regex.Count(page, "<tr class=\"pending\""));
        Assert.Contains("retrying &lt;order&gt;", page);
        Assert.Equal(1, Regex.Count(page, "<tr class=\"dead-letter\""));
        Assert.Contains("Отправки ничего не ждёт.", await PageAsync("/admin/outbox?system=1c", TestKeys.Viewer));
    }

    [Theory]
    [InlineData("system=amocrm", "Система — одна из: 1c, moysklad")]
    [InlineData("from=2026-11-02 00:00&to=2026-11-01 00:00", "«С» должно быть раньше, чем «По»")]
    public async Task a_bad_filter_is_refused_in_the_readers_language_with_the_apis_rule(string query, string message)
    {
        var result = await fixture.Host.Scenario(s =>
        {
            s.Get.Url($"/admin/outbox?{query}");
            s.WithKey(TestKeys.Viewer);
            s.StatusCodeShouldBe(400);
        });
        Assert.Contains(message, System.Net.WebUtility.HtmlDecode(await result.ReadAsTextAsync()));
    }

    private async Task<string> PageAsync(string url, string key)
    {
        var result = await fixture.Host.Scenario(s =>
        {
            s.Get.Url(url);
            s.WithKey(key);
        });
        return await result.ReadAsTextAsync();
    }

    private async Task<DeliveryState> StateAsync(Guid id) => (await fixture.Store.QuerySession().LoadAsync<Delivery>(id))!.State;

    [Fact]
    public async Task parked_orders_are_listed_encoded_and_filtered_and_a_viewer_is_offered_no_action()
    {
        await ParkAsync(("1c", "Timeout"), ("moysklad", "Http500"), ("1c", "Http500"));
        var all = await PageAsync("/admin/outbox", TestKeys.Viewer);
        Assert.Equal(3, Regex.Count(all, "<tr class=\"dead-letter\""));
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", all);
        Assert.DoesNotContain("<script>alert", all);
        Assert.DoesNotContain("Повторить", all);
        Assert.DoesNotContain("/admin/outbox/replay", all);

        var oneC = await PageAsync("/admin/outbox?system=1c", TestKeys.Operator);
        Assert.Equal(2, Regex.Count(oneC, "<tr class=\"dead-letter\""));
        Assert.Contains("Повторить все (2)", oneC);
        Assert.Contains("data-confirm=\"", oneC);
        Assert.Contains("<input type=\"hidden\" name=\"system\" value=\"1c\">", oneC);

        var none = await PageAsync("/admin/outbox?system=moysklad&exception_type=Timeout", TestKeys.Operator);
        Assert.Contains("Недоставленных заказов по этим фильтрам нет.", none);
    }

    [Fact]
    public async Task an_operator_discards_all_matching_and_replays_one_and_a_viewer_cannot()
    {
        var ids = await ParkAsync(("1c", "Timeout"), ("moysklad", "Http500"), ("1c", "Http500"));
        await fixture.Host.Scenario(s =>
        {
            s.Post.FormData(new Dictionary<string, string> { ["system"] = "1c" }).ToUrl("/admin/outbox/discard");
            s.WithKey(TestKeys.Viewer);
            s.StatusCodeShouldBe(403);
        });
        Assert.Equal(DeliveryState.Parked, await StateAsync(ids[0]));

        using var session = new CookieSession(fixture.Client());
        await session.SignInAsync(TestKeys.Operator);
        await session.GetAsync("/admin/outbox?system=1c");
        var (status, _, response) = await session.PostAsync("/admin/outbox/discard",
            new Dictionary<string, string> { ["__csrf"] = session.LastToken!, ["system"] = "1c" });
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal("/admin/outbox?system=1c&done=discarded&count=2", response.Headers.Location?.OriginalString);
        Assert.Equal(DeliveryState.Discarded, await StateAsync(ids[0]));
        Assert.Equal(DeliveryState.Discarded, await StateAsync(ids[2]));
        Assert.Equal(DeliveryState.Parked, await StateAsync(ids[1]));

        var (_, after, _) = await session.GetAsync("/admin/outbox?system=1c&done=discarded&count=2");
        Assert.Contains("Отброшено недоставленных заказов: 2.", after);

        var (replayed, _, _) = await session.PostAsync("/admin/outbox/replay",
            new Dictionary<string, string> { ["__csrf"] = session.LastToken!, ["ids"] = ids[1].ToString() });
        Assert.Equal(HttpStatusCode.Redirect, replayed);
        Assert.Equal(DeliveryState.Replayed, await StateAsync(ids[1]));
    }
}
