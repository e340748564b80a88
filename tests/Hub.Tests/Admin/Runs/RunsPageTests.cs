using System.Net;
using Alba;
using Hub.Replenishment.Runs;
using Hub.Tests.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Tests.Admin.Runs;

[Collection(AdminCollection.Name)]
public sealed class RunsPageTests(AdminFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAllAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<(int Status, string Body)> GetAsync(string url, string key, bool htmx = false)
    {
        var result = await fixture.Host.Scenario(s =>
        {
            s.Get.Url(url);
            s.WithRequestHeader("Accept", "text/html");
            if (htmx) s.WithRequestHeader("HX-Request", "true");
            s.WithKey(key);
            s.IgnoreStatusCode();
        });
        return (result.Context.Response.StatusCode, await result.ReadAsTextAsync());
    }

    private async Task<string> WaitForEndAsync(Guid id)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (true)
        {
            var run = await (await fixture.Host.Scenario(s => s.Get.Url($"/api/v1/runs/{id}"))).ReadJsonAsync();
            var status = run.GetProperty("status").GetString()!;
            if (status is not ("Planning" or "Dispatching")) return status;
            await Task.Delay(200, cts.Token);
        }
    }

    [Fact]
    public async Task the_trigger_form_is_offered_to_operators_only_and_a_viewer_cannot_post_it()
    {
        var (_, viewerPage) = await GetAsync("/admin/runs", TestKeys.Viewer);
        Assert.DoesNotContain("Запустить оценку дефицита", viewerPage);
        Assert.Contains("Запусков пока не было.", viewerPage);
        var (_, operatorPage) = await GetAsync("/admin/runs", TestKeys.Operator);
        Assert.Contains("Запустить оценку дефицита", operatorPage);

        await fixture.Host.Scenario(s =>
        {
            s.Post.FormData(new Dictionary<string, string> { ["dry_run"] = "true" }).ToUrl("/admin/runs");
            s.WithKey(TestKeys.Viewer);
            s.StatusCodeShouldBe(403);
        });
        Assert.Empty(await fixture.Store.QuerySession().Query<ReplenishmentRun>().ToListAsync());

        // A viewer's session with a genuine token is refused just the same.
        using var session = new CookieSession(fixture.Client());
        await session.SignInAsync(TestKeys.Viewer);
        await session.GetAsync("/admin/runs");
        var (status, _, _) = await session.PostAsync("/admin/runs", new Dictionary<string, string> { ["__csrf"] = session.LastToken!, ["dry_run"] = "true" });
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Empty(await fixture.Store.QuerySession().Query<ReplenishmentRun>().ToListAsync());
    }

    [Fact]
    public async Task an_operator_runs_a_dry_run_from_the_form_and_sees_it_with_its_decisions()
    {
        using var session = new CookieSession(fixture.Client());
        await session.SignInAsync(TestKeys.Operator);
        await session.GetAsync("/admin/runs");
        var (status, _, response) = await session.PostAsync("/admin/runs", new Dictionary<string, string>
        {
            ["__csrf"] = session.LastToken!, ["warehouse_id"] = "", ["dry_run"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, status);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/admin/runs/", location);
        var id = Guid.Parse(location["/admin/runs/".Length..]);
        Assert.Equal("Planned", await WaitForEndAsync(id));

        var (_, detail, _) = await session.GetAsync(location);
        Assert.Contains("<dt>Источник</dt><dd>Из админки</dd>", detail);
        Assert.Contains("<dt>Пробный запуск</dt><dd>да</dd>", detail);
        Assert.Contains("<dt>Статус</dt><dd><span data-status=\"Planned\">Спланирован</span></dd>", detail);
        Assert.Contains("id=\"decisions\"", detail);
        // A dry run's orders were never handed to the outbox: they say so instead of looking queued.
        Assert.Contains("только план: пробный запуск ничего не отправляет", detail);
        Assert.Contains("<td class=\"status-dry-run\">не отправлен (пробный запуск)</td>", detail);
        Assert.DoesNotContain("status-Queued", detail);
        Assert.Contains($"href=\"/admin/logs?run_id={id}\"", detail);
        // A finished run polls nothing; its timeline loads once.
        Assert.DoesNotContain("hx-trigger=\"every", detail[detail.IndexOf("<main>", StringComparison.Ordinal)..]);

        var (_, list, _) = await session.GetAsync("/admin/runs", htmx: true);
        Assert.Contains($"data-id=\"{id}\"", list);
        Assert.DoesNotContain("<html", list);
    }

    [Fact]
    public async Task a_real_run_repeating_a_scope_within_the_hour_asks_first_and_runs_when_confirmed()
    {
        var recentId = Guid.CreateVersion7();
        await using (var store = fixture.Store.LightweightSession())
        {
            var at = DateTimeOffset.UtcNow.AddMinutes(-5);
            store.Events.StartStream<ReplenishmentRun>(recentId, new RunRequested(recentId, RunTrigger.Admin, null, false, at),
                new RunPlanned(new RunInputs(0, 0, 0, 0, []), [], new Dictionary<string, int>(), [], 1, 1, 0, [], at), new RunFinished(RunStatus.Completed, 0, 0, at));
            await store.SaveChangesAsync();
        }
        using var session = new CookieSession(fixture.Client());
        await session.SignInAsync(TestKeys.Operator);
        await session.GetAsync("/admin/runs");
        var (status, page, _) = await session.PostAsync("/admin/runs", new Dictionary<string, string> { ["__csrf"] = session.LastToken!, ["warehouse_id"] = "" });
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("id=\"confirm-repeat\"", page);
        Assert.Contains($"href=\"/admin/runs/{recentId}\"", page);
        Assert.Contains("меньше часа назад", page);
        Assert.Contains("<input type=\"hidden\" name=\"confirm\" value=\"true\">", page);
        Assert.Single(await fixture.Store.QuerySession().Query<ReplenishmentRun>().ToListAsync());

        var (confirmed, _, response) = await session.PostAsync("/admin/runs", new Dictionary<string, string>
        {
            ["__csrf"] = session.LastToken!, ["warehouse_id"] = "", ["confirm"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, confirmed);
        var id = Guid.Parse(response.Headers.Location!.OriginalString["/admin/runs/".Length..]);
        Assert.NotEqual(recentId, id);
        await WaitForEndAsync(id);
    }

    [Fact]
    public async Task an_operator_chooses_the_warehouse_by_name_and_the_run_shows_its_scope_by_name()
    {
        using var session = new CookieSession(fixture.Client());
        await session.SignInAsync(TestKeys.Operator);
        var (_, page, _) = await session.GetAsync("/admin/runs");
        // 1C's shops by name; the donors are not a run's scope, and "all warehouses" comes first and is chosen.
        var shop = fixture.Simulator.State.Catalogue.Recipients.First();
        Assert.Contains("<select name=\"warehouse_id\"><option value=\"\" selected>Все склады</option>", page);
        Assert.Contains($"<option value=\"{shop.RefKey}\">{System.Net.WebUtility.HtmlEncode(shop.Name)}</option>", page);
        Assert.All(fixture.Simulator.State.Catalogue.Donors, d => Assert.DoesNotContain($"<option value=\"{d.RefKey}\"", page));

        var (status, _, response) = await session.PostAsync("/admin/runs", new Dictionary<string, string>
        {
            ["__csrf"] = session.LastToken!, ["warehouse_id"] = shop.RefKey.ToString(), ["dry_run"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, status);
        var runUrl = response.Headers.Location!.OriginalString;
        var id = Guid.Parse(runUrl[^36..]);
        Assert.Equal("Planned", await WaitForEndAsync(id));
        var (_, runPage, _) = await session.GetAsync(runUrl);
        Assert.Contains($"<dt>Склады</dt><dd>{System.Net.WebUtility.HtmlEncode(shop.Name)} ({shop.RefKey})</dd>", runPage);
        var (_, list, _) = await session.GetAsync("/admin/runs");
        Assert.Contains($"<td title=\"{shop.RefKey}\">{System.Net.WebUtility.HtmlEncode(shop.Name)}</td>", list);
    }

    [Fact]
    public async Task when_1c_cannot_list_its_warehouses_the_form_says_why_and_takes_a_ref_key()
    {
        var directory = fixture.Host.Services.GetRequiredService<Hub.Replenishment.Reading.WarehouseDirectory>();
        fixture.Simulator.Faults.Set(Hub.Simulators.SimulatorSystem.OneC, new Hub.Simulators.Faults.FaultSettings { Methods = "GET", ErrorRate = 1 });
        directory.Forget();
        try
        {
            var (status, page) = await GetAsync("/admin/runs", TestKeys.Operator);
            Assert.Equal(200, status);
            Assert.Contains("<input name=\"warehouse_id\" value=\"\" size=\"38\">", page);
            Assert.Contains("id=\"warehouses-unavailable\">Не удалось прочитать склады из 1С: ", page);
            // In English for one who chose it.
            var english = await fixture.Host.Scenario(x =>
            {
                x.Get.Url("/admin/runs");
                x.WithRequestHeader("Cookie", "hub_lang=c=en|uic=en");
                x.WithKey(TestKeys.Operator);
            });
            Assert.Contains("id=\"warehouses-unavailable\">1C&#39;s warehouses could not be read: ", (await english.ReadAsTextAsync()).Replace("&#x27;", "&#39;"));
        }
        finally
        {
            fixture.Simulator.Faults.Reset();
            directory.Forget();
        }
    }

    [Fact]
    public async Task a_bad_warehouse_id_is_explained_and_starts_nothing()
    {
        var result = await fixture.Host.Scenario(s =>
        {
            s.Post.FormData(new Dictionary<string, string> { ["warehouse_id"] = "<b>nope</b>" }).ToUrl("/admin/runs");
            s.WithKey(TestKeys.Operator);
            s.StatusCodeShouldBe(400);
        });
        var page = await result.ReadAsTextAsync();
        Assert.Contains("Склад должен быть задан своим Ref_Key (UUID) из 1С", page);
        // The form comes back with 1C's warehouses to choose from; what was posted is never echoed as markup.
        Assert.Contains("<select name=\"warehouse_id\">", page);
        Assert.DoesNotContain("<b>nope</b>", page);
        Assert.Empty(await fixture.Store.QuerySession().Query<ReplenishmentRun>().ToListAsync());
    }

    [Fact]
    public async Task values_of_a_run_are_encoded()
    {
        await using (var session = fixture.Store.LightweightSession())
        {
            var runId = Guid.CreateVersion7();
            var now = DateTimeOffset.UtcNow;
            session.Events.StartStream<ReplenishmentRun>(runId, new RunRequested(runId, RunTrigger.Api, null, false, now),
                new RunPlanned(new RunInputs(0, 0, 0, 0, []), [], new Dictionary<string, int>(), ["<i>w</i>"], 1, 1, 0, [], now),
                new RunFailed("<script>alert(1)</script>", now));
            await session.SaveChangesAsync();
        }
        var (_, list) = await GetAsync("/admin/runs", TestKeys.Viewer);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", list);
        Assert.DoesNotContain("<script>alert", list);
        var id = (await fixture.Store.QuerySession().Query<ReplenishmentRun>().ToListAsync()).Single().Id;
        var (_, detail) = await GetAsync($"/admin/runs/{id}", TestKeys.Viewer);
        Assert.Contains("&lt;i&gt;w&lt;/i&gt;", detail);
        Assert.DoesNotContain("<script>alert", detail);
    }

    [Fact]
    public async Task the_runs_list_leads_with_the_runs_whose_orders_are_parked_and_the_runs_that_failed_today()
    {
        var (_, quiet) = await GetAsync("/admin/runs", TestKeys.Viewer);
        Assert.Contains("<section id=\"needs-attention\" class=\"quiet\">", quiet);

        var parkedRun = Guid.CreateVersion7();
        var failedRun = Guid.CreateVersion7();
        var now = DateTimeOffset.UtcNow;
        await using (var session = fixture.Store.LightweightSession())
        {
            session.Events.StartStream<ReplenishmentRun>(failedRun, new RunRequested(failedRun, RunTrigger.Schedule, null, false, now),
                new RunFailed("Reading 1C failed: <HTTP 503>", now));
            // Failed two days ago: no longer news.
            var old = Guid.CreateVersion7();
            session.Events.StartStream<ReplenishmentRun>(old, new RunRequested(old, RunTrigger.Schedule, null, false, now.AddDays(-2)),
                new RunFailed("an old failure", now.AddDays(-2)));
            foreach (var (state, i) in new[] { (DeliveryState.Parked, 0), (DeliveryState.Parked, 1), (DeliveryState.Sent, 2) })
                session.Store(new Hub.Outbox.Deliveries.Delivery
                {
                    Id = Guid.NewGuid(), RunId = parkedRun, ExternalSystem = "1c", MessageType = "SendTransferOrder", Description = $"order {i}",
                    State = state, Attempts = 7, UpdatedAt = now.AddSeconds(i),
                });
            await session.SaveChangesAsync();
        }

        var (_, list) = await GetAsync("/admin/runs", TestKeys.Viewer);
        var attention = list[list.IndexOf("<section id=\"needs-attention\" class=\"notice\">", StringComparison.Ordinal)..list.IndexOf("</section>", StringComparison.Ordinal)];
        // Before the trigger form and the list.
        Assert.True(list.IndexOf("needs-attention", StringComparison.Ordinal) < list.IndexOf("<table id=\"runs\">", StringComparison.Ordinal));
        Assert.Contains($"<li class=\"attention parked\" data-run=\"{parkedRun}\">Запуск <a href=\"/admin/runs/{parkedRun}\">{parkedRun.ToString()[..8]}</a>: не доставлено заказов: 2,", attention);
        Assert.Contains($"href=\"/admin/outbox?run_id={parkedRun}\">Повторить или отбросить</a>", attention);
        Assert.Contains($"data-run=\"{failedRun}\"", attention);
        Assert.Contains("Reading 1C failed: &lt;HTTP 503&gt;", attention);
        Assert.DoesNotContain("an old failure", attention);
        Assert.DoesNotContain("повторной попытки", attention);

        // In English for one who chose it, and in the list's own refresh.
        var english = await fixture.Host.Scenario(x =>
        {
            x.Get.Url("/admin/runs");
            x.WithRequestHeader("Accept", "text/html");
            x.WithRequestHeader("HX-Request", "true");
            x.WithRequestHeader("Cookie", "hub_lang=c=en|uic=en");
            x.WithKey(TestKeys.Viewer);
        });
        Assert.Contains("2 order(s) parked, the last at", await english.ReadAsTextAsync());
    }

    private static string Section(string page, string id)
    {
        var start = page.IndexOf($"<table id=\"{id}\">", StringComparison.Ordinal);
        Assert.True(start >= 0, $"the page has a table {id}");
        return page[start..page.IndexOf("</table>", start, StringComparison.Ordinal)];
    }

    private static int Rows(string table) => table.Split("<tr>").Length - 2;

    [Fact]
    public async Task a_run_of_many_orders_shows_a_page_of_them_with_its_counts_filters_and_the_way_on()
    {
        var run = await BigRun.SeedAsync(fixture.Store, orders: 250, decisions: 230, sent: 200, parked: 20);
        var (status, first) = await GetAsync($"/admin/runs/{run.RunId}", TestKeys.Viewer);
        Assert.Equal(200, status);
        Assert.Contains("Заказы (250: отправлено 200, в работе 30, не доставлено 20)", first);
        Assert.Equal(100, Rows(Section(first, "orders")));
        var byId = run.OrderIds.Order().ToArray();
        // Each seeded order goes to a shop of its own: its recipient cell tells the orders apart.
        var number = (Guid id) => $"<td>Магазин №{Array.IndexOf(run.OrderIds.ToArray(), id)}</td>";
        Assert.Contains(number(byId[0]), Section(first, "orders"));
        Assert.Equal(200, Rows(Section(first, "decisions")));
        Assert.Contains("Показаны первые 200 из 230", first);
        Assert.Contains($"href=\"/admin/runs/{run.RunId}?orders_state=Parked\"", first);

        var next = $"/admin/runs/{run.RunId}?orders_after={byId[99]}";
        Assert.Contains($"href=\"{next}\"", first);
        var (_, second) = await GetAsync(next, TestKeys.Viewer);
        var secondOrders = Section(second, "orders");
        Assert.Equal(100, Rows(secondOrders));
        Assert.Contains(number(byId[100]), secondOrders);
        Assert.DoesNotContain(number(byId[99]), secondOrders);

        var (_, parked) = await GetAsync($"/admin/runs/{run.RunId}?orders_state=Parked", TestKeys.Viewer);
        var parkedOrders = Section(parked, "orders");
        Assert.Equal(20, Rows(parkedOrders));
        Assert.Equal(20, parkedOrders.Split("status-Parked").Length - 1);
        Assert.DoesNotContain("id=\"orders-next\"", parked);
    }

    [Fact]
    public async Task a_run_page_loads_its_timeline_on_its_own_and_the_timeline_pages_on_to_the_last_event()
    {
        var run = await BigRun.SeedAsync(fixture.Store, orders: 250, decisions: 3, sent: 250, parked: 0);
        var (_, page) = await GetAsync($"/admin/runs/{run.RunId}", TestKeys.Viewer);
        Assert.Contains($"<section id=\"run-timeline\" hx-get=\"/admin/runs/{run.RunId}/timeline\" hx-trigger=\"load\"", page);
        Assert.Contains($"<a href=\"/admin/runs/{run.RunId}/timeline\">", page);
        // The page's own poll leaves the timeline out: it is the costly part of a large run.
        var (_, poll) = await GetAsync($"/admin/runs/{run.RunId}", TestKeys.Viewer, htmx: true);
        Assert.DoesNotContain("run-timeline", poll);

        var events = new List<string>();
        var url = $"/admin/runs/{run.RunId}/timeline";
        var pages = 0;
        while (true)
        {
            var (status, fragment) = await GetAsync(url, TestKeys.Viewer, htmx: true);
            Assert.Equal(200, status);
            Assert.DoesNotContain("<html", fragment);
            var table = Section(fragment, "timeline");
            events.AddRange(System.Text.RegularExpressions.Regex.Matches(table, "class=\"event-([a-z_]+)\"").Select(m => m.Groups[1].Value));
            pages++;
            var next = System.Text.RegularExpressions.Regex.Match(fragment, $"href=\"(/admin/runs/{run.RunId}/timeline\\?after=\\d+)\"");
            if (!next.Success) break;
            url = next.Groups[1].Value;
        }

        Assert.Equal(3, pages);
        Assert.Equal(["requested", "planning_started", "planned"], events.Take(3).ToArray());
        Assert.Equal(250, events.Count(e => e == "order_queued"));
        Assert.Equal(250, events.Count(e => e == "order_sent"));
        Assert.Equal(503, events.Count);
        // The plan's line is told from the run's summary: the plan itself is never read for it.
        var (_, first) = await GetAsync($"/admin/runs/{run.RunId}/timeline", TestKeys.Viewer);
        Assert.Contains("дефицитов: 3, заказов: 250", first);
        Assert.Contains("<html", first);
        var (bad, problem) = await GetAsync($"/admin/runs/{run.RunId}/timeline?after=-1", TestKeys.Viewer);
        Assert.Equal(400, bad);
        Assert.Contains("after должен быть номером, которым закончилась предыдущая страница хода выполнения.", problem);
    }

    [Fact]
    public async Task a_bad_order_filter_on_a_run_page_is_explained_and_the_run_still_shown()
    {
        var run = await BigRun.SeedAsync(fixture.Store, orders: 3, decisions: 3, sent: 3, parked: 0);
        var (status, page) = await GetAsync($"/admin/runs/{run.RunId}?orders_state=%3Cb%3Elost&orders_after=nope", TestKeys.Viewer);
        Assert.Equal(200, status);
        Assert.Contains("orders_state должен быть одним из значений Queued, Retrying, Sent, Parked, Replayed, Discarded; показаны все заказы.", page);
        Assert.Contains("orders_after должен быть идентификатором заказа с предыдущей страницы; показана первая страница.", page);
        Assert.Equal(3, Rows(Section(page, "orders")));
        Assert.DoesNotContain("<b>lost", page);
    }

    [Fact]
    public async Task a_missing_run_is_a_readable_404()
    {
        var id = Guid.NewGuid();
        var (status, page) = await GetAsync($"/admin/runs/{id}", TestKeys.Viewer);
        Assert.Equal(404, status);
        Assert.Contains($"Запуска с идентификатором {id} нет.", page);
        Assert.Contains("<title>Что-то пошло не так · Интеграционный хаб</title>", page);
    }
}
