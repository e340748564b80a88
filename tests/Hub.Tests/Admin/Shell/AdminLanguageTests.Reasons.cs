using System.Net;
using Alba;
using Hub.Admin.Shell;
using Hub.Outbox.Deliveries;
using Hub.Replenishment.PlanRun;
using Hub.Replenishment.Runs;
using Hub.Tests.Infrastructure;

namespace Hub.Tests.Admin.Shell;

/// <summary>
/// What other modules write in English sentences (an operator's act on an order, МойСклад's shipment, the stats API's zone
/// refusal) and the times of the needs-attention list, told in the reader's language from their parts; the API keeps the sentences.
/// </summary>
public sealed partial class AdminLanguageTests
{
    private const string Anna = "Анна Петрова";

    /// <summary>
    /// A run whose orders operators acted on, as the Outbox records it: one cancelled while retrying, one replayed after it
    /// was parked, one asked to be sent now, two customer orders МойСклад answered about (shipped in full, deleted there) and
    /// a transfer found in 1C by the hub's marker.
    /// </summary>
    private async Task<Guid> SeedActedOnRunAsync()
    {
        var runId = Guid.CreateVersion7();
        var (cancelled, replayed, sentNow, shipped, gone) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        var (donor, shop) = ((Key: Guid.NewGuid(), Name: "Склад Бестужевых"), (Key: Guid.NewGuid(), Name: "Магазин Купчино"));
        PlannedLine[] lines = [new(Guid.NewGuid(), "Чай чёрный", "шт", 3)];
        OrderQueued Transfer(Guid id) => new(id, runId, OrderKind.Transfer, donor.Key, donor.Name, shop.Key, shop.Name, lines, SeededAt);
        OrderQueued Purchase(Guid id) => new(id, runId, OrderKind.Purchase, null, null, shop.Key, shop.Name, lines, SeededAt);
        var later = SeededAt.AddMinutes(10);
        await using var session = fixture.Store.LightweightSession();
        session.Events.StartStream<ReplenishmentRun>(runId, new RunRequested(runId, RunTrigger.Admin, null, false, SeededAt), new RunPlanningStarted(SeededAt),
            new RunPlanned(new RunInputs(2, 1, 1, 1, [donor.Name]), [], new Dictionary<string, int>(), [], 40, 3, 5, [], SeededAt));
        session.Events.StartStream(cancelled, Transfer(cancelled),
            new OrderRetrying(cancelled, runId, "1c", 1, null, "HttpRequestException", "1С не отвечает", SeededAt.AddMinutes(5), SeededAt),
            new OrderCancelled(cancelled, runId, "1c", Anna, later));
        session.Events.StartStream(replayed, Purchase(replayed),
            new OrderDeadLettered(replayed, runId, "moysklad", 6, null, "MoySkladException", "МойСклад ответил 500", SeededAt),
            new OrderReplayed(replayed, runId, "moysklad", Anna, later));
        session.Events.StartStream(sentNow, Transfer(sentNow),
            new OrderRetrying(sentNow, runId, "1c", 2, null, "HttpRequestException", "1С не отвечает", SeededAt.AddMinutes(5), SeededAt),
            new OrderBroughtForward(sentNow, runId, "1c", Anna, later));
        session.Events.StartStream(shipped, Purchase(shipped), new OrderSent(shipped, runId, "moysklad", 1, null, Guid.NewGuid().ToString(), "00042", null, SeededAt),
            new OrderShipped(shipped, runId, "moysklad", ShipmentNotes.ShippedInFull("00042"), later));
        session.Events.StartStream(gone, Purchase(gone), new OrderSent(gone, runId, "moysklad", 1, null, Guid.NewGuid().ToString(), "00043", null, SeededAt),
            new OrderShipped(gone, runId, "moysklad", ShipmentNotes.NoLongerExists("00043"), later));
        // A transfer an earlier attempt had created, found by the hub's marker, as SendTransferOrderHandler notes it.
        var marked = Guid.CreateVersion7();
        session.Events.StartStream(marked, Transfer(marked),
            new OrderSent(marked, runId, "1c", 2, null, Guid.NewGuid().ToString(), "00-000777", "found by its marker in 1C (AlreadyExisted)", SeededAt));
        await session.SaveChangesAsync();
        return runId;
    }

    /// <summary>The English a page has left in Russian mode, as <see cref="a_page_in_russian_mode_has_no_english_label_left"/> finds it, names aside.</summary>
    private static string[] EnglishLeft(string page, params string[] names)
    {
        var data = DataName().Matches(page).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).Append(OperatorName).Concat(names).ToArray();
        return Readable(page).Select(text => data.Aggregate(text, (t, d) => t.Replace(d, " ", StringComparison.Ordinal)))
            .SelectMany(text => EnglishIn(text).Select(e => $"“{e}” in “{text.Trim()}”")).Distinct().ToArray();
    }

    [Fact]
    public async Task an_order_an_operator_acted_on_gives_its_reason_in_the_readers_language_and_the_api_keeps_the_sentence()
    {
        var run = await SeedActedOnRunAsync();

        var (outbox, outboxEn) = (await PageAsync("/admin/outbox"), await PageAsync("/admin/outbox", "en"));
        Assert.Contains("<td>повторно отправил Анна Петрова, до этого: МойСклад ответил 500</td>", outbox);
        Assert.Contains("<td>Анна Петрова попросил отправить сейчас, до этого: 1С не отвечает</td>", outbox);
        Assert.Contains("<td>replayed by Анна Петрова after: МойСклад ответил 500</td>", outboxEn);
        Assert.Contains("<td>sent now by Анна Петрова after: 1С не отвечает</td>", outboxEn);
        var left = EnglishLeft(outbox);
        Assert.True(left.Length == 0, $"English left on the Outbox page:\n{string.Join("\n", left)}");

        var (detail, detailEn) = (await PageAsync($"/admin/runs/{run}"), await PageAsync($"/admin/runs/{run}", "en"));
        Assert.Contains("<td>отменил Анна Петрова во время повторов, до этого: 1С не отвечает</td>", detail);
        Assert.Contains("<td>cancelled by Анна Петрова while retrying after: 1С не отвечает</td>", detailEn);
        Assert.Contains("<td>найден в 1С по отметке хаба: документ уже был создан и проведён</td>", detail);
        Assert.Contains("<td>found by its marker in 1C (AlreadyExisted)</td>", detailEn);
        left = EnglishLeft(detail);
        Assert.True(left.Length == 0, $"English left on the run's page:\n{string.Join("\n", left)}");

        // The API's words are what they were; the parts come beside them.
        var pending = await (await fixture.Host.Scenario(s =>
        {
            s.Get.Url($"/api/v1/orders/pending?run_id={run}");
            s.WithKey(TestKeys.Viewer);
        })).ReadAsTextAsync();
        Assert.Contains("\"reason\":\"replayed by Анна Петрова after: МойСклад ответил 500\"", pending);
        Assert.Contains("\"reason_parts\":{\"acts\":[{\"kind\":\"Replayed\",\"by\":\"Анна Петрова\"}],\"cause\":\"МойСклад ответил 500\"}", pending);
    }

    [Fact]
    public void an_operators_act_is_read_back_from_the_sentence_the_outbox_writes()
    {
        var reason = DeliveryReasons.Cancelled("Анна", DeliveryReasons.SentNow("an operator", DeliveryReasons.Replayed("Иван после: смены", "1С: after: нет")));
        var parts = DeliveryReasons.Parts(reason)!;
        Assert.Equal([new OrderAct(OrderActKind.Cancelled, "Анна"), new OrderAct(OrderActKind.SentNow, "an operator"), new OrderAct(OrderActKind.Replayed, "Иван после: смены")], parts.Acts);
        Assert.Equal("1С: after: нет", parts.Cause);
        Assert.Null(DeliveryReasons.Parts("МойСклад ответил 500"));
        Assert.Null(DeliveryReasons.Parts(null));
        Assert.Equal(["shipped", "00042"], ShipmentNotes.Values(ShipmentNotes.ShippedInFull("00042")));
        Assert.Equal(["gone", "00043"], ShipmentNotes.Values(ShipmentNotes.NoLongerExists("00043")));
        Assert.Empty(ShipmentNotes.Values("something else"));
    }

    [Fact]
    public async Task a_shipped_order_on_a_runs_timeline_is_told_in_the_readers_language()
    {
        var run = await SeedActedOnRunAsync();
        var (ru, en) = (await PageAsync($"/admin/runs/{run}/timeline"), await PageAsync($"/admin/runs/{run}/timeline", "en"));
        Assert.Contains("МойСклад отгрузил заказ покупателя 00042 полностью", ru);
        Assert.Contains("заказа покупателя 00043 больше нет в МойСклад", ru);
        Assert.Contains("МойСклад shipped customer order 00042 in full", en);
        Assert.Contains("customer order 00043 no longer exists in МойСклад", en);
        Assert.Contains("попытка 2: создан документ 00-000777 (найден в 1С по отметке хаба: документ уже был создан и проведён)", ru);
        var left = EnglishLeft(ru);
        Assert.True(left.Length == 0, $"English left on the timeline:\n{string.Join("\n", left)}");
    }

    [Fact]
    public async Task the_stats_page_refuses_an_unknown_zone_in_the_readers_language()
    {
        async Task<string> Refused(string? language) => await (await fixture.Host.Scenario(s =>
        {
            s.Get.Url("/admin/stats?tz=Mars");
            s.WithKey(TestKeys.Operator);
            if (language is not null) s.WithRequestHeader("Cookie", $"{AdminCulture.CookieName}=c={language}|uic={language}");
            s.StatusCodeShouldBe(400);
        })).ReadAsTextAsync();
        var (ru, en) = (await Refused(null), await Refused("en"));
        Assert.Contains("Часовой пояс (tz) «Mars» неизвестен: укажите имя IANA, например Europe/Moscow или UTC", ru);
        Assert.Contains("tz &quot;Mars&quot; is not a known time zone (IANA names such as Europe/Moscow or UTC)", en);
        // The zone asked for is the reader's own word, whatever its language.
        var left = EnglishLeft(ru, "Mars");
        Assert.True(left.Length == 0, $"English left on the Stats page:\n{string.Join("\n", left)}");
    }

    [Fact]
    public async Task what_needs_attention_gives_its_times_in_the_readers_format_in_moscow_and_a_filter_takes_them_so()
    {
        await SeedRunAsync();
        var (ru, en) = (await PageAsync("/admin/runs"), await PageAsync("/admin/runs", "en"));
        // Parked at 09:00 UTC, 12:00 in Moscow.
        Assert.Contains("последний в 04.12.2026 12:00:00 MSK.", ru);
        Assert.Contains("the last at 2026-12-04 12:00:00 MSK.", en);
        var dashboard = await PageAsync("/admin");
        Assert.Contains("последний в 04.12.2026 12:00:00 MSK.", dashboard);

        // A schedule's times in its own zone, with the weekday in the reader's language (4 December 2026 was a Friday).
        var (schedules, schedulesEn) = (await PageAsync("/admin/schedules"), await PageAsync("/admin/schedules", "en"));
        Assert.Contains("<td class=\"last\">04.12.2026 12:00 (пт) &#x2B;03:00<br>", schedules);
        Assert.Contains("<td class=\"last\">2026-12-04 12:00 (Fri) &#x2B;03:00<br>", schedulesEn);
        Assert.Matches("<td>\\d\\d\\.\\d\\d\\.\\d{4} \\d\\d:\\d\\d \\((пн|вт|ср|чт|пт|сб|вс)\\) &#x2B;03:00</td>", schedules);

        // A time typed as the Russian page writes it is read in Moscow time, on the Outbox page as on the Logs page.
        var (before, after) = (await PageAsync("/admin/outbox?from=04.12.2026%2011:59"), await PageAsync("/admin/outbox?from=04.12.2026%2012:01"));
        Assert.Contains("class=\"dead-letter\"", before);
        Assert.DoesNotContain("class=\"dead-letter\"", after);
        Assert.Contains("placeholder=\"напр. 23.11.2026 09:00\"", before);
    }
}

public sealed partial class AdminLanguageTests
{
    [Theory]
    [InlineData(null, "На стороне хаба что-то пошло не так; ничего не показано и не изменено. Подробности — в журнале хаба под идентификатором трассировки trace-1.")]
    [InlineData("en", "Something went wrong on the hub&#x27;s side, and nothing was shown or changed. The hub&#x27;s log has the details under trace id trace-1.")]
    public async Task a_page_that_failed_says_so_in_the_readers_language(string? language, string expected)
    {
        // The exception handler runs outside the pages' culture; it is called here as the host calls it for an exception no page caught.
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext { RequestServices = fixture.Host.Services, TraceIdentifier = "trace-1" };
        context.Request.Path = "/admin/runs";
        if (language is not null) context.Request.Headers.Cookie = $"{AdminCulture.CookieName}=c={language}|uic={language}";
        context.Response.Body = new MemoryStream();
        var previous = System.Diagnostics.Activity.Current;
        System.Diagnostics.Activity.Current = null;
        try
        {
            Assert.True(await new Hub.Host.Api.HubExceptionHandler(Microsoft.Extensions.Logging.Abstractions.NullLogger<Hub.Host.Api.HubExceptionHandler>.Instance)
                .TryHandleAsync(context, new InvalidOperationException("a bug"), CancellationToken.None));
        }
        finally
        {
            System.Diagnostics.Activity.Current = previous;
        }
        Assert.Equal(500, context.Response.StatusCode);
        var page = System.Text.Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray());
        Assert.Contains(expected, page);
        Assert.Contains($"<html lang=\"{language ?? "ru"}\">", page);
    }
}
