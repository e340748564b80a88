using System.Net.Http.Headers;
using System.Text.Json;
using Hub.Tests.Infrastructure;

namespace Hub.Tests.Host.Security;

/// <summary>How a key is presented and how refusals read, over HTTP against the real pipeline.</summary>
[Collection(AccessCollection.Name)]
public sealed class ApiKeyTests(AccessFixture fixture)
{
    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.Clone();
    }

    [Fact]
    public async Task a_key_is_accepted_in_the_x_api_key_header_and_as_a_bearer_token()
    {
        using var header = fixture.Client(TestKeys.Viewer);
        Assert.Equal(200, (int)(await header.GetAsync("/api/v1/logs")).StatusCode);

        using var bearer = fixture.Client();
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestKeys.Viewer);
        Assert.Equal(200, (int)(await bearer.GetAsync("/api/v1/logs")).StatusCode);
    }

    [Fact]
    public async Task without_a_key_the_answer_is_401_problem_details_saying_how_to_send_one()
    {
        using var client = fixture.Client();
        var response = await client.GetAsync("/api/v1/logs");
        Assert.Equal(401, (int)response.StatusCode);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString());
        var problem = await ProblemAsync(response);
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
        Assert.Contains("X-Api-Key", problem.GetProperty("detail").GetString());
        Assert.Equal("/api/v1/logs", problem.GetProperty("instance").GetString());
    }

    [Fact]
    public async Task a_wrong_key_is_401_and_is_not_echoed()
    {
        const string guess = "test-viewer-key-4b8d1e6e";
        using var client = fixture.Client(guess);
        var response = await client.GetAsync("/api/v1/logs");
        Assert.Equal(401, (int)response.StatusCode);
        var problem = await ProblemAsync(response);
        Assert.Equal("The API key is not recognised.", problem.GetProperty("detail").GetString());
        Assert.DoesNotContain(guess, problem.GetRawText());
    }

    [Fact]
    public async Task a_key_below_the_needed_role_is_403_naming_the_key_and_the_role_needed()
    {
        using var client = fixture.Client(TestKeys.Ingest);
        var response = await client.GetAsync("/api/v1/logs");
        Assert.Equal(403, (int)response.StatusCode);
        var detail = (await ProblemAsync(response)).GetProperty("detail").GetString()!;
        Assert.Contains("'test-ingest'", detail);
        Assert.Contains("needs viewer", detail);
        Assert.DoesNotContain(TestKeys.Ingest, detail);
    }

    [Fact]
    public async Task seq_s_header_counts_only_on_seq_s_ingestion_path()
    {
        using var client = fixture.Client();
        client.DefaultRequestHeaders.Add("X-Seq-ApiKey", TestKeys.Admin);
        Assert.Equal(401, (int)(await client.GetAsync("/api/v1/logs")).StatusCode);
    }

    [Fact]
    public async Task the_legacy_admin_trigger_token_is_an_operator_key()
    {
        using var client = fixture.Client(AccessFixture.LegacyTriggerToken);
        // An operator reads logs…
        Assert.Equal(200, (int)(await client.GetAsync("/api/v1/logs")).StatusCode);
        // …but is not a service that writes them.
        var post = await client.PostAsync("/api/v1/logs", new StringContent("""{"process_name":"p"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(403, (int)post.StatusCode);
        Assert.Contains("'admin-trigger-token'", (await ProblemAsync(post)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task what_routing_answers_itself_reaches_any_caller_as_it_is()
    {
        using var anonymous = fixture.Client();
        Assert.Equal(404, (int)(await anonymous.GetAsync("/api/v1/no-such-thing")).StatusCode);
        using var viewer = fixture.Client(TestKeys.Viewer);
        Assert.Equal(404, (int)(await viewer.GetAsync("/api/v1/no-such-thing")).StatusCode);
        Assert.Equal(405, (int)(await viewer.DeleteAsync("/api/v1/logs")).StatusCode);
        // A service posting logs in the wrong format hears 415, not that its key lacks a role.
        using var ingest = fixture.Client(TestKeys.Ingest);
        var wrongType = await ingest.PostAsync("/api/v1/logs", new StringContent("process_name=p", System.Text.Encoding.UTF8, "text/plain"));
        Assert.Equal(415, (int)wrongType.StatusCode);
    }

    [Fact]
    public async Task the_api_reference_offers_the_key_and_each_operation_names_its_role()
    {
        using var client = fixture.Client();
        using var doc = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var scheme = doc.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal("X-Api-Key", scheme.GetProperty("name").GetString());
        var search = doc.RootElement.GetProperty("paths").GetProperty("/api/v1/logs").GetProperty("get");
        Assert.Contains("Role: viewer", search.GetProperty("description").GetString());
        Assert.True(search.TryGetProperty("security", out _));
        Assert.False(doc.RootElement.GetProperty("paths").GetProperty("/health/ready").GetProperty("get").TryGetProperty("security", out _));
    }
}
