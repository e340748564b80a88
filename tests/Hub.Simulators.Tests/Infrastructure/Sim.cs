using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Hub.Simulators.Tests.Infrastructure;

// One simulator per test: rate buckets, faults and counters never leak between tests running in parallel.
public sealed class Sim : IAsyncDisposable
{
    private readonly List<HttpClient> clients = [];

    private Sim(RunningSimulator server) => Server = server;

    public RunningSimulator Server { get; }

    public SimulatorOptions Options => Server.Options;

    public static async Task<Sim> StartAsync(Action<SimulatorOptions>? configure = null)
    {
        // A small catalogue keeps each start cheap; tests about paging ask for more items explicitly.
        var options = new SimulatorOptions { ItemCount = 40 };
        configure?.Invoke(options);
        return new Sim(await SimulatorServer.StartAsync(options));
    }

    public HttpClient MoySkladBearer() => MoySklad(new AuthenticationHeaderValue("Bearer", Options.MoySkladToken));

    public HttpClient MoySkladBasic() => MoySklad(Basic(Options.MoySkladLogin, Options.MoySkladPassword));

    public HttpClient MoySklad(AuthenticationHeaderValue? authorization, bool gzip = true)
    {
        var client = Track(new HttpClient(new SocketsHttpHandler
        {
            // Automatic decompression is also what puts "Accept-Encoding: gzip" on every request.
            AutomaticDecompression = gzip ? DecompressionMethods.GZip : DecompressionMethods.None,
        })
        {
            BaseAddress = Server.MoySkladBaseAddress,
            Timeout = TimeSpan.FromSeconds(20),
        });
        client.DefaultRequestHeaders.Authorization = authorization;
        return client;
    }

    public HttpClient OneC(string? user = null, string? password = null, Uri? baseAddress = null)
    {
        var client = Track(new HttpClient { BaseAddress = baseAddress ?? Server.OneCBaseAddress, Timeout = TimeSpan.FromSeconds(20) });
        client.DefaultRequestHeaders.Authorization = Basic(user ?? Options.OneCUser, password ?? Options.OneCPassword);
        return client;
    }

    // No decompression and no default headers: for asserting on the bytes and headers exactly as sent.
    public HttpClient Raw() => Track(new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None })
    {
        BaseAddress = Server.BaseAddress,
        Timeout = TimeSpan.FromSeconds(20),
    });

    public HttpClient Inspection() => Track(new HttpClient { BaseAddress = Server.BaseAddress, Timeout = TimeSpan.FromSeconds(20) });

    public async Task<JsonNode> InspectAsync(string path)
    {
        var response = await Inspection().GetAsync(path);
        response.EnsureSuccessStatusCode();
        return await response.JsonAsync();
    }

    public async Task SetFaultsAsync(string system, string json)
    {
        var response = await Inspection().PutAsync($"_sim/faults/{system}", new StringContent(json, Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
    }

    public static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    public async ValueTask DisposeAsync()
    {
        foreach (var client in clients) client.Dispose();
        await Server.DisposeAsync();
    }

    private HttpClient Track(HttpClient client)
    {
        clients.Add(client);
        return client;
    }
}
