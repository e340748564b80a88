using System.Text.Json;
using Alba;
using Bogus;
using Hub.Tests.Infrastructure;

namespace Hub.Tests.Logs.SearchLogs;

[Collection(LogsCollection.Name)]
public sealed class SearchLogsTests(LogsFixture fixture) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly string RunA = "11111111-1111-1111-1111-111111111111";
    private static readonly string ReqA = "22222222-2222-2222-2222-222222222222";
    private static readonly string JobA = "33333333-3333-3333-3333-333333333333";

    public Task InitializeAsync() => fixture.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private sealed record Seed(string process_name, string step, string log_level, string status, string external_system,
        string? run_id, string? request_id, string? job_id, string message, DateTimeOffset ts);

    /// <summary>Seeds a known table of logs; every filter below is checked against a LINQ query over the same table.</summary>
    private async Task<List<(string Id, Seed Row)>> SeedAsync(int count = 400)
    {
        var faker = new Faker { Random = new Randomizer(20261123) };
        var rows = Enumerable.Range(0, count).Select(i => new Seed(
            process_name: faker.PickRandom("internal_replenishment", "process_outbox_events_job", "sync_leads"),
            step: faker.PickRandom("deficit_analysis", "send", "plan"),
            log_level: faker.PickRandom("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"),
            status: faker.PickRandom("success", "failed", "retrying", "started"),
            external_system: faker.PickRandom("1c", "moysklad", "amocrm"),
            run_id: i % 7 == 0 ? RunA : Guid.NewGuid().ToString(),
            request_id: i % 11 == 0 ? ReqA : null,
            job_id: i % 13 == 0 ? JobA : null,
            message: i % 17 == 0 ? $"Остаток на складе Бестужевых недостаточен #{i}" : faker.Lorem.Sentence(),
            ts: T0.AddMinutes(i * 7))).ToList();

        var result = new List<(string, Seed)>();
        foreach (var chunk in rows.Chunk(500))
        {
            var body = await (await fixture.Host.Scenario(s =>
            {
                s.Post.Json(chunk).ToUrl("/api/v1/logs");
                s.StatusCodeShouldBe(202);
            })).ReadJsonAsync();
            result.AddRange(body.GetProperty("ids").Strings().Zip(chunk));
        }
        return result;
    }

    private async Task<List<string>> AllIdsAsync(string query, int pageSize = 1000)
    {
        var ids = new List<string>();
        string? next = null;
        do
        {
            var url = $"/api/v1/logs?page_size={pageSize}&{query}" + (next is null ? "" : $"&next={next}");
            var page = await (await fixture.Host.Scenario(s => s.Get.Url(url))).ReadJsonAsync();
            ids.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!));
            next = page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next").GetString();
        } while (next is not null);
        return ids;
    }

    public static TheoryData<string, string> Filters => new()
    {
        { "level", "level=error" },
        { "levels", "level=warning,critical" },
        { "status", "status=failed" },
        { "process", "process=sync_leads" },
        { "step", "step=send" },
        { "system", "external_system=MoySklad" },
        { "run", $"run_id={RunA.ToUpperInvariant()}" },
        { "request", $"request_id={ReqA}" },
        { "job", $"job_id={JobA}" },
        { "text", "text=бестужевых" },
        { "from", "from=2026-11-02T00:00:00Z" },
        { "to", "to=2026-11-02T00:00:00Z" },
        { "combined", "from=2026-11-01T06:00:00Z&to=2026-11-02T12:00:00Z&level=info,error&external_system=1c&status=success,failed" },
        { "combined_run", $"run_id={RunA}&process=internal_replenishment&step=plan" },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task each_filter_alone_and_combined_returns_exactly_the_matching_rows_newest_first(string name, string query)
    {
        var seeded = await SeedAsync();
        var expected = seeded.Where(x => Matches(name, x.Row)).OrderByDescending(x => x.Row.ts).Select(x => x.Id).ToList();
        Assert.NotEmpty(expected);
        var actual = await AllIdsAsync(query, pageSize: 50);
        Assert.Equal(expected, actual);
    }

    private static bool Matches(string name, Seed r) => name switch
    {
        "level" => r.log_level == "ERROR",
        "levels" => r.log_level is "WARNING" or "CRITICAL",
        "status" => r.status == "failed",
        "process" => r.process_name == "sync_leads",
        "step" => r.step == "send",
        "system" => r.external_system == "moysklad",
        "run" => r.run_id == RunA,
        "request" => r.request_id == ReqA,
        "job" => r.job_id == JobA,
        "text" => r.message.Contains("Бестужевых"),
        "from" => r.ts >= new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero),
        "to" => r.ts < new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero),
        "combined" => r.ts >= new DateTimeOffset(2026, 11, 1, 6, 0, 0, TimeSpan.Zero) && r.ts < new DateTimeOffset(2026, 11, 2, 12, 0, 0, TimeSpan.Zero)
                      && r.log_level is "INFO" or "ERROR" && r.external_system == "1c" && r.status is "success" or "failed",
        "combined_run" => r.run_id == RunA && r.process_name == "internal_replenishment" && r.step == "plan",
        _ => throw new ArgumentOutOfRangeException(name)
    };

    [Fact]
    public async Task paging_walks_every_row_once_while_new_logs_arrive()
    {
        var seeded = await SeedAsync(1000);
        var ids = new List<string>();
        string? next = null;
        var pages = 0;
        do
        {
            // New logs land between page reads, some at the same instant as rows already listed.
            await fixture.Host.Scenario(s =>
            {
                s.Post.Json(new[]
                {
                    new { process_name = "late", ts = DateTimeOffset.UtcNow },
                    new { process_name = "late", ts = T0.AddMinutes(7 * 999) },
                    new { process_name = "late", ts = T0.AddDays(-1) }
                }).ToUrl("/api/v1/logs");
                s.StatusCodeShouldBe(202);
            });
            var url = "/api/v1/logs?page_size=37" + (next is null ? "" : $"&next={next}");
            var page = await (await fixture.Host.Scenario(s => s.Get.Url(url))).ReadJsonAsync();
            ids.AddRange(page.GetProperty("items").EnumerateArray()
                .Where(i => i.GetProperty("process_name").GetString() != "late")
                .Select(i => i.GetProperty("id").GetString()!));
            next = page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next").GetString();
            pages++;
        } while (next is not null);

        Assert.True(pages > 27, $"expected many pages, got {pages}");
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(seeded.Select(s => s.Id).OrderBy(x => x), ids.OrderBy(x => x));
    }

    [Fact]
    public async Task page_size_defaults_to_500_and_is_bounded()
    {
        await SeedAsync(600);
        var page = await (await fixture.Host.Scenario(s => s.Get.Url("/api/v1/logs"))).ReadJsonAsync();
        Assert.Equal(500, page.GetProperty("items").GetArrayLength());
        Assert.NotEqual(JsonValueKind.Null, page.GetProperty("next").ValueKind);

        await fixture.Host.Scenario(s => { s.Get.Url("/api/v1/logs?page_size=2001"); s.StatusCodeShouldBe(400); });
        await fixture.Host.Scenario(s => { s.Get.Url("/api/v1/logs?page_size=0"); s.StatusCodeShouldBe(400); });
    }

    [Theory]
    [InlineData("run_id=not-a-uuid", "run_id")]
    [InlineData("level=LOUD", "level")]
    [InlineData("next=garbage!!", "next")]
    [InlineData("from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z", "to")]
    public async Task bad_filters_are_problem_details_naming_the_parameter(string query, string parameter)
    {
        var result = await fixture.Host.Scenario(s => { s.Get.Url($"/api/v1/logs?{query}"); s.StatusCodeShouldBe(400); });
        var problem = await result.ReadJsonAsync();
        Assert.Contains(problem.GetProperty("errors").EnumerateArray(), e => e.GetProperty("name").GetString() == parameter);
    }

    [Fact]
    public async Task an_empty_result_is_an_empty_page()
    {
        var page = await (await fixture.Host.Scenario(s => s.Get.Url("/api/v1/logs?process=nothing-here"))).ReadJsonAsync();
        Assert.Equal(0, page.GetProperty("items").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, page.GetProperty("next").ValueKind);
    }
}
