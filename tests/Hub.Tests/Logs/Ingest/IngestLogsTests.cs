using System.Text.Json;
using Alba;
using Hub.Logs.Domain;
using Hub.Tests.Infrastructure;
using Marten;

namespace Hub.Tests.Logs.Ingest;

[Collection(LogsCollection.Name)]
public sealed class IngestLogsTests(LogsFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task single_record_is_stored_and_returned_by_id()
    {
        var posted = await fixture.Host.Scenario(s =>
        {
            s.Post.Text("""
                {"process_name":"internal_replenishment","step":"deficit_analysis","log_level":"info","status":"success",
                 "message":"Дефицит найден: 3 позиции","external_system":"1C","elapsed_ms":42,"retry_count":1,
                 "payload":{"items":[1,2,3]},"ts":"2026-11-20T09:00:00+03:00"}
                """).ToUrl("/api/v1/logs");
            s.WithRequestHeader("Content-Type", "application/json");
            s.StatusCodeShouldBe(202);
        });
        var body = await posted.ReadJsonAsync();
        var id = body.GetProperty("ids")[0].GetString();
        Assert.Equal(1, body.GetProperty("count").GetInt32());

        var fetched = await (await fixture.Host.Scenario(s => s.Get.Url($"/api/v1/logs/{id}"))).ReadJsonAsync();
        Assert.Equal("internal_replenishment", fetched.GetProperty("process_name").GetString());
        Assert.Equal("INFO", fetched.GetProperty("log_level").GetString());
        Assert.Equal("1c", fetched.GetProperty("external_system").GetString());
        Assert.Equal("Дефицит найден: 3 позиции", fetched.GetProperty("message").GetString());
        Assert.Equal(42, fetched.GetProperty("elapsed_ms").GetInt64());
        Assert.Equal(3, fetched.GetProperty("payload").GetProperty("items").GetArrayLength());
        Assert.Equal(64, fetched.GetProperty("payload_hash").GetString()!.Length);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 6, 0, 0, TimeSpan.Zero), fetched.GetProperty("ts").GetDateTimeOffset());
    }

    [Fact]
    public async Task batch_is_stored_whole_in_every_accepted_shape()
    {
        var items = Enumerable.Range(0, 250).Select(i => new { process_name = "batch", message = $"m{i}" }).ToArray();
        var array = await (await fixture.Host.Scenario(s =>
        {
            s.Post.Json(items).ToUrl("/api/v1/logs");
            s.StatusCodeShouldBe(202);
        })).ReadJsonAsync();
        var wrapped = await (await fixture.Host.Scenario(s =>
        {
            s.Post.Json(new { logs = items.Take(10) }).ToUrl("/api/v1/logs");
            s.StatusCodeShouldBe(202);
        })).ReadJsonAsync();

        Assert.Equal(250, array.GetProperty("ids").GetArrayLength());
        Assert.Equal(10, wrapped.GetProperty("ids").GetArrayLength());
        await using var session = fixture.Store.QuerySession();
        Assert.Equal(260, await session.Query<IntegrationLog>().CountAsync());
    }

    [Fact]
    public async Task bad_batch_is_rejected_whole_naming_each_bad_item_and_stores_nothing()
    {
        var result = await fixture.Host.Scenario(s =>
        {
            s.Post.Text("""
                [{"process_name":"ok"},
                 {"process_name":""},
                 {"process_name":"x","log_level":"LOUD","elapsed_ms":-5},
                 {"process_name":"ok","ts":"not a date"},
                 7]
                """).ToUrl("/api/v1/logs");
            s.WithRequestHeader("Content-Type", "application/json");
            s.StatusCodeShouldBe(400);
        });
        Assert.StartsWith("application/problem+json", result.Context.Response.ContentType);
        var problem = await result.ReadJsonAsync();
        var names = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("name").GetString()).ToHashSet();
        Assert.Contains("logs[1].process_name", names);
        Assert.Contains("logs[2].log_level", names);
        Assert.Contains("logs[2].elapsed_ms", names);
        Assert.Contains("logs[3]", names);
        Assert.Contains("logs[4]", names);
        Assert.DoesNotContain(names, n => n!.StartsWith("logs[0]"));

        await using var session = fixture.Store.QuerySession();
        Assert.Equal(0, await session.Query<IntegrationLog>().CountAsync());
    }

    [Fact]
    public async Task batch_over_1000_is_rejected()
    {
        var items = Enumerable.Range(0, 1001).Select(_ => new { process_name = "p" }).ToArray();
        await fixture.Host.Scenario(s =>
        {
            s.Post.Json(items).ToUrl("/api/v1/logs");
            s.StatusCodeShouldBe(400);
            s.ContentShouldContain("at most 1000");
        });
        await using var session = fixture.Store.QuerySession();
        Assert.Equal(0, await session.Query<IntegrationLog>().CountAsync());
    }

    [Fact]
    public async Task body_that_is_not_json_is_a_problem_not_a_crash()
    {
        await fixture.Host.Scenario(s =>
        {
            s.Post.Text("{not json").ToUrl("/api/v1/logs");
            s.WithRequestHeader("Content-Type", "application/json");
            s.StatusCodeShouldBe(400);
            s.ContentShouldContain("not valid JSON");
        });
    }

    [Fact]
    public async Task a_message_as_long_as_the_api_accepts_is_stored_whole()
    {
        var message = string.Concat(Enumerable.Repeat("Трассировка стека ", 1700)).Trim();
        Assert.InRange(message.Length, 30_000, 32_000);
        var posted = await (await fixture.Host.Scenario(s =>
        {
            s.Post.Json(new { process_name = "long", message, error_message = message }).ToUrl("/api/v1/logs");
            s.StatusCodeShouldBe(202);
        })).ReadJsonAsync();
        var log = await (await fixture.Host.Scenario(s => s.Get.Url($"/api/v1/logs/{posted.GetProperty("ids")[0].GetString()}"))).ReadJsonAsync();
        Assert.Equal(message, log.GetProperty("message").GetString());
        Assert.Equal(message, log.GetProperty("error_message").GetString());
    }

    [Fact]
    public async Task unknown_id_is_404_problem()
    {
        var result = await fixture.Host.Scenario(s =>
        {
            s.Get.Url($"/api/v1/logs/{Guid.NewGuid()}");
            s.StatusCodeShouldBe(404);
        });
        Assert.StartsWith("application/problem+json", result.Context.Response.ContentType);
    }

    [Theory]
    [InlineData("ABCDEF01-2345-6789-ABCD-EF0123456789", "abcdef01-2345-6789-abcd-ef0123456789")]
    [InlineData("{abcdef01-2345-6789-abcd-ef0123456789}", "abcdef01-2345-6789-abcd-ef0123456789")]
    [InlineData("abcdef0123456789abcdef0123456789", "abcdef01-2345-6789-abcd-ef0123456789")]
    [InlineData("urn:uuid:abcdef01-2345-6789-abcd-ef0123456789", "abcdef01-2345-6789-abcd-ef0123456789")]
    [InlineData("", null)]
    [InlineData("lead-42", null)]
    public async Task ids_are_normalised_and_what_was_dropped_is_kept_in_details(string runId, string? expected)
    {
        var posted = await (await fixture.Host.Scenario(s =>
        {
            s.Post.Json(new { process_name = "ids", run_id = runId, request_id = 12345, details = new { note = "kept" } }).ToUrl("/api/v1/logs");
            s.StatusCodeShouldBe(202);
        })).ReadJsonAsync();
        var id = posted.GetProperty("ids")[0].GetString();
        var log = await (await fixture.Host.Scenario(s => s.Get.Url($"/api/v1/logs/{id}"))).ReadJsonAsync();

        Assert.Equal(expected, log.GetProperty("run_id").GetString());
        Assert.Equal(JsonValueKind.Null, log.GetProperty("request_id").ValueKind);
        var details = log.GetProperty("details");
        Assert.Equal("kept", details.GetProperty("note").GetString());
        Assert.Equal("12345", details.GetProperty("dropped_ids").GetProperty("request_id").GetString());
        if (runId == "lead-42")
            Assert.Equal("lead-42", details.GetProperty("dropped_ids").GetProperty("run_id").GetString());
        else
            Assert.False(details.GetProperty("dropped_ids").TryGetProperty("run_id", out _));
    }

    [Fact]
    public async Task credentials_are_scrubbed_before_storage_at_any_depth()
    {
        var posted = await (await fixture.Host.Scenario(s =>
        {
            s.Post.Json(new
            {
                process_name = "scrub",
                message = "connect Host=db;Username=u;Password=hunter2-secret;",
                error_message = "GET https://svc:topsecretpw@api.example/x?access_token=tok-123456 failed",
                payload = new
                {
                    headers = new Dictionary<string, string> { ["Authorization"] = "Bearer eyJhbGciOi.secret", ["Accept"] = "json" },
                    deep = new[] { new { client = new { api_key = "k-987654321", name = "amo" } } },
                    header_list = new[] { new { name = "X-Api-Key", value = "hdr-5555555" } },
                    conn = "Server=x;Pwd=pw-777777;Database=y",
                },
                request_payload = new { login = "admin", password = "p@ss-999999" },
                response_payload = new { access_token = "at-000000", token_type = "bearer" }
            }).ToUrl("/api/v1/logs");
            s.StatusCodeShouldBe(202);
        })).ReadJsonAsync();
        var id = Guid.Parse(posted.GetProperty("ids")[0].GetString()!);

        // Read what PostgreSQL holds, not what the API renders.
        await using var session = fixture.Store.QuerySession();
        var raw = (await session.QueryAsync<string>("select data::text from hub.mt_doc_integration_log where id = ?", id)).Single();
        foreach (var secret in new[] { "hunter2-secret", "topsecretpw", "tok-123456", "eyJhbGciOi", "k-987654321", "hdr-5555555", "pw-777777", "p@ss-999999", "at-000000" })
            Assert.DoesNotContain(secret, raw);
        Assert.Contains("amo", raw);
        Assert.Contains("admin", raw);
        Assert.Contains("\"Accept\": \"json\"", raw);
    }
}
