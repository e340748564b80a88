using System.Net;
using System.Text.RegularExpressions;
using Hub.Simulators;
using Hub.Tests.Infrastructure;
using Hub.Tests.Replenishment;
using JasperFx.Resources;

namespace Hub.Tests.Admin;

/// <summary>The hub with its pages, pointed at an in-process simulator of 1C and МойСклад so runs really plan.</summary>
public sealed class AdminFixture : HubFixture
{
    public RunningSimulator Simulator { get; private set; } = null!;

    protected override string DatabaseName => "admin";

    protected override async Task StartDependenciesAsync() => Simulator = await SimulatorServer.StartAsync(new SimulatorOptions { ItemCount = 20 });

    protected override async Task StopDependenciesAsync() => await Simulator.DisposeAsync();

    protected override IDictionary<string, string?> Settings => ReplenishmentFixture.SimulatorSettings(Simulator);

    /// <summary>Empty documents and outbox, and a simulator with no faults.</summary>
    public async Task ResetAllAsync()
    {
        await Host.ResetResourceState();
        await ResetAsync();
        Simulator.Faults.Reset();
        Simulator.State.Reset();
    }
}

[CollectionDefinition(Name)]
public sealed class AdminCollection : ICollectionFixture<AdminFixture>
{
    public const string Name = "admin";
}

/// <summary>
/// A browser's part of the conversation without a browser: keeps the cookies the hub sets and reads the antiforgery
/// token out of the page, so tests can sign in with the form and post as a signed-in person would.
/// </summary>
public sealed partial class CookieSession(HttpClient client) : IDisposable
{
    private readonly Dictionary<string, string> _cookies = new();

    public string? LastToken { get; private set; }

    public bool Has(string cookie) => _cookies.ContainsKey(cookie);

    /// <summary>The cookies as the browser holds them, to carry them to another host or replay them later.</summary>
    public IReadOnlyDictionary<string, string> Cookies => _cookies;

    /// <summary>Cookies sent before the session's own, as another app on the same host would make the browser send them.</summary>
    public List<string> ForeignCookies { get; } = [];

    public void Set(string cookie, string value) => _cookies[cookie] = value;

    public async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> SendAsync(HttpMethod method, string url,
        IDictionary<string, string>? form = null, bool htmx = false)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Accept.ParseAdd("text/html");
        if (htmx) request.Headers.Add("HX-Request", "true");
        if (_cookies.Count + ForeignCookies.Count > 0)
            request.Headers.Add("Cookie", string.Join("; ", ForeignCookies.Concat(_cookies.Select(c => $"{c.Key}={c.Value}"))));
        if (form is not null) request.Content = new FormUrlEncodedContent(form);
        var response = await client.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            foreach (var header in setCookies)
            {
                var pair = header.Split(';')[0];
                var name = pair[..pair.IndexOf('=')];
                var value = pair[(pair.IndexOf('=') + 1)..];
                if (value.Length == 0 || header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase)) _cookies.Remove(name);
                else _cookies[name] = value;
            }
        var body = await response.Content.ReadAsStringAsync();
        if (TokenField().Match(body) is { Success: true } m) LastToken = WebUtility.HtmlDecode(m.Groups[1].Value);
        return (response.StatusCode, body, response);
    }

    public Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> GetAsync(string url, bool htmx = false) =>
        SendAsync(HttpMethod.Get, url, htmx: htmx);

    public Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> PostAsync(string url, IDictionary<string, string> form) =>
        SendAsync(HttpMethod.Post, url, form);

    public async Task SignInAsync(string key)
    {
        await GetAsync("/admin/sign-in");
        var (status, _, response) = await PostAsync("/admin/sign-in", new Dictionary<string, string> { ["__csrf"] = LastToken!, ["api_key"] = key });
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal("/admin", response.Headers.Location?.OriginalString); // the dashboard, where signing in lands
    }

    public void Dispose() => client.Dispose();

    [GeneratedRegex("name=\"__csrf\" value=\"([^\"]*)\"")]
    private static partial Regex TokenField();
}
