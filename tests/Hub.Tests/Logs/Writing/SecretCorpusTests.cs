using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Hub.Logs.Domain;
using Hub.Tests.Admin;
using Hub.Tests.Infrastructure;
using Marten;
using Npgsql;

namespace Hub.Tests.Logs.Writing;

/// <summary>
/// The planted-secret corpus sent the way services send logs (the JSON API and Seq's CLEF endpoint), then looked for
/// everywhere a record comes back out: the table itself, the API, both exports, and the admin pages over real HTTP.
/// </summary>
[Collection(AdminCollection.Name)]
public sealed class SecretCorpusTests(AdminFixture fixture)
{
    [Fact]
    public async Task no_planted_secret_reaches_the_database_the_api_the_exports_or_the_pages()
    {
        var run = Guid.NewGuid();
        var (records, planted) = SecretCorpus.Build(run);
        var (clef, clefPlanted) = SecretCorpus.Clef(run);
        planted.AddRange(clefPlanted);
        Assert.True(planted.Count >= 100, $"only {planted.Count} secrets planted");
        Assert.Equal(planted.Count, planted.Select(p => p.Secret).Distinct().Count());

        using (var ingest = fixture.Client(TestKeys.Ingest))
        {
            var posted = await ingest.PostAsync("/api/v1/logs", new StringContent(records.ToJsonString(), Encoding.UTF8, "application/json"));
            Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync());
            var content = new StringContent(clef, Encoding.UTF8);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/vnd.serilog.clef");
            var events = await ingest.PostAsync("/api/events/raw?clef", content);
            Assert.True(events.IsSuccessStatusCode, await events.Content.ReadAsStringAsync());
        }
        var expected = records.Count + clef.Split('\n').Length;

        var places = new Dictionary<string, string>();
        // The table: every column of every row of the run, as PostgreSQL holds it.
        await using (var conn = new NpgsqlConnection(fixture.ConnectionString))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand(
                $"select string_agg(t::text, E'\\n') from {fixture.Store.Options.DatabaseSchemaName}.{IntegrationLogMapping.TableName} t where t::text like @run", conn);
            cmd.Parameters.AddWithValue("run", $"%{run}%");
            places["database"] = (string)(await cmd.ExecuteScalarAsync())!;
        }

        using var viewer = fixture.Client(TestKeys.Viewer);
        var list = await viewer.GetStringAsync($"/api/v1/logs?run_id={run}&page_size=1000");
        places["api list"] = list;
        var ids = JsonDocument.Parse(list).RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
        Assert.Equal(expected, ids.Count);
        var one = new StringBuilder();
        foreach (var id in ids) one.AppendLine(await viewer.GetStringAsync($"/api/v1/logs/{id}"));
        places["api record"] = one.ToString();
        places["csv export"] = await viewer.GetStringAsync($"/api/v1/logs/export?run_id={run}&format=csv");
        places["ndjson export"] = await viewer.GetStringAsync($"/api/v1/logs/export?run_id={run}&format=ndjson");

        using var session = new CookieSession(fixture.Client());
        await session.SignInAsync(TestKeys.Viewer);
        var pages = new StringBuilder();
        var (status, listPage, _) = await session.GetAsync($"/admin/logs?run_id={run}&page_size=1000");
        Assert.Equal(HttpStatusCode.OK, status);
        pages.AppendLine(listPage);
        foreach (var id in ids)
        {
            var (recordStatus, recordPage, _) = await session.GetAsync($"/admin/logs/{id}");
            Assert.Equal(HttpStatusCode.OK, recordStatus);
            pages.AppendLine(recordPage);
        }
        places["admin pages"] = WebUtility.HtmlDecode(pages.ToString());
        places["admin csv"] = (await session.GetAsync($"/admin/logs/export?run_id={run}&format=csv")).Body;
        places["admin ndjson"] = (await session.GetAsync($"/admin/logs/export?run_id={run}&format=ndjson")).Body;

        var leaks = (from place in places
                     from secret in planted
                     where place.Value.Contains(secret.Secret, StringComparison.Ordinal)
                     select $"{secret.Where} in {place.Key}").ToList();
        Assert.True(leaks.Count == 0, $"{leaks.Count} of {planted.Count} planted secrets leaked:\n{string.Join("\n", leaks)}");

        // Scrubbing took the secrets, not the record: what stood next to them is still there, in every place.
        foreach (var (place, text) in places)
        {
            Assert.Contains("secret-corpus", text);
            Assert.Contains(CredentialMask, text);
        }
        foreach (var kept in SecretCorpus.Kept) Assert.Contains(kept, places["api record"]);
    }

    private const string CredentialMask = Hub.Logs.Writing.CredentialScrubber.Mask;
}
