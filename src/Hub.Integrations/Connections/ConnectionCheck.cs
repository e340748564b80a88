using System.Text.Json;
using Hub.Contracts.Logging;
using Hub.Integrations.Http;
using Hub.Integrations.MoySklad;
using Hub.Integrations.OneC;
using Hub.Integrations.References;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hub.Integrations.Connections;

/// <summary>
/// Pings МойСклад and 1C with the configured credentials and asks each whether the configured names exist: what
/// check-connections prints and the admin Health page shows. One check runs at a time; whoever asks while one is
/// running gets that one's answer, so a button pressed twice or by two people does not spend the rate limit twice.
/// The last answer is kept for pages that show it without asking again.
/// </summary>
public sealed class ConnectionCheck(IServiceProvider services, ReferenceChecker checker, IOptions<MoySkladOptions> moySklad,
    IOptions<OneCOptions> oneC, TimeProvider clock)
{
    public const string ProcessName = "check_connections";

    /// <summary>Both systems together: a ping is quick, and a system that does not answer should not keep the answer waiting for long.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    private readonly Lock _gate = new();
    private Task<IReadOnlyList<ConnectionResult>>? _running;

    /// <summary>The answer of the last check that finished, МойСклад first; null until one has.</summary>
    public IReadOnlyList<ConnectionResult>? Last { get; private set; }

    /// <summary>Whether a check is under way, so a page can say its answer is coming.</summary>
    public bool Running
    {
        get { lock (_gate) return _running is { IsCompleted: false }; }
    }

    /// <summary>
    /// Checks both systems, or joins the check already running. <paramref name="ct"/> only stops the waiting: the check
    /// itself runs to its end within <see cref="Limit"/>, so its answer is kept even when the one who asked has gone.
    /// </summary>
    public Task<IReadOnlyList<ConnectionResult>> RunAsync(CancellationToken ct = default)
    {
        Task<IReadOnlyList<ConnectionResult>> running;
        lock (_gate)
        {
            if (_running is null || _running.IsCompleted) _running = Task.Run(CheckBothAsync, CancellationToken.None);
            running = _running;
        }
        return running.WaitAsync(ct);
    }

    private async Task<IReadOnlyList<ConnectionResult>> CheckBothAsync()
    {
        using var cts = new CancellationTokenSource(Limit, clock);
        using var _ = IntegrationScope.Begin(new IntegrationScope(ProcessName));
        var ms = moySklad.Value;
        var oc = oneC.Value;
        var results = await Task.WhenAll(
            CheckAsync(MoySkladClient.System, ReferenceChecker.MoySkladLabel, ms.BaseUrl, ms.IsConfigured,
                "set MoySklad:Token (or MoySklad:Login and MoySklad:Password)", async () =>
                {
                    var ping = await services.GetRequiredService<MoySkladClient>().PingAsync(cts.Token);
                    // The same name check the hub runs at start, so both say the same thing about the same settings.
                    var names = await checker.CheckMoySkladAsync(cts.Token);
                    return (names.State == ReferenceState.Found, ping.ElapsedMs,
                        $"organizations: {ping.Organizations}, rate limit remaining: {ping.RateLimitRemaining ?? "?"}; {names.Summary()}",
                        (IReadOnlyList<ReadinessLine>?)null,
                        (IReadOnlyList<KeyValuePair<string, string>>)[new("organizations", $"{ping.Organizations}"), new("rate limit remaining", $"{ping.RateLimitRemaining ?? "?"}")],
                        names);
                }),
            CheckAsync(OneCClient.System, ReferenceChecker.OneCLabel, oc.BaseUrl, oc.IsConfigured,
                "set OneC:BaseUrl, OneC:User and OneC:Password", async () =>
                {
                    var client = services.GetRequiredService<OneCClient>();
                    var ping = await client.PingAsync(cts.Token);
                    var names = await checker.CheckOneCAsync(cts.Token);
                    var checks = await OneCReadiness.CheckAsync(client, oc, cts.Token);
                    // No donor warehouses configured is no fault of the connection.
                    return (names.State is ReferenceState.Found or ReferenceState.NotConfigured && checks.All(c => c.Ok), ping.ElapsedMs,
                        $"warehouses: {ping.Warehouses}; {names.Summary()}", checks,
                        (IReadOnlyList<KeyValuePair<string, string>>)[new("warehouses", $"{ping.Warehouses}")], names);
                }));
        Last = results;
        return results;
    }

    private async Task<ConnectionResult> CheckAsync(string system, string label, string baseUrl, bool configured, string howToConfigure,
        Func<Task<(bool NamesFound, long ElapsedMs, string Text, IReadOnlyList<ReadinessLine>? Checks, IReadOnlyList<KeyValuePair<string, string>> Facts, SystemReferences Names)>> probe)
    {
        var url = WithoutCredentials(baseUrl);
        if (!configured) return new(system, label, ConnectionOutcome.NotConfigured, url, null, howToConfigure, clock.GetUtcNow());
        var started = clock.GetTimestamp();
        try
        {
            var (found, elapsed, text, checks, facts, names) = await probe();
            return new(system, label, found ? ConnectionOutcome.Ok : ConnectionOutcome.NamesMissing, url, elapsed, Mask(text), clock.GetUtcNow(),
                checks?.Select(c => c with { Text = Mask(c.Text), Args = c.Args.Select(Mask).ToList() }).ToList(), facts, names);
        }
        catch (Exception ex) when (ex is ExternalApiException or InvalidOperationException or OperationCanceledException or JsonException)
        {
            return new(system, label, ConnectionOutcome.Failed, url, (long)clock.GetElapsedTime(started).TotalMilliseconds, Mask(ex.Message), clock.GetUtcNow());
        }
    }

    /// <summary>
    /// A server may repeat what it was sent (a login in an error text); whatever it says is shown, so a configured
    /// secret is masked wherever it turns up.
    /// </summary>
    private string Mask(string text)
    {
        foreach (var secret in new[] { moySklad.Value.Token, moySklad.Value.Password, oneC.Value.Password })
            if (secret is { Length: >= 4 }) text = text.Replace(secret, "***", StringComparison.Ordinal);
        return text;
    }

    /// <summary>The address as configured, less a user and password someone wrote into it (https://user:pass@host/…).</summary>
    public static string WithoutCredentials(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0
            ? new UriBuilder(uri) { UserName = "", Password = "" }.Uri.ToString()
            : url;
}
