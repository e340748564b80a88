using Hub.Contracts.Logging;
using Hub.Integrations.Http;
using Hub.Integrations.MoySklad;
using Hub.Integrations.OneC;
using Hub.Integrations.References;
using JasperFx.CommandLine;
using Microsoft.Extensions.Options;

namespace Hub.Host.Commands;

[Description("Checks the connection to 1C and МойСклад with the configured credentials", Name = "check-connections")]
public sealed class CheckConnectionsCommand : JasperFxAsyncCommand<NetCoreInput>
{
    public override async Task<bool> Execute(NetCoreInput input)
    {
        using var host = input.BuildHost();
        var services = host.Services;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var _ = IntegrationScope.Begin(new IntegrationScope("check_connections"));

        // The same name check the hub runs at start, so both say the same thing about the same settings.
        var checker = services.GetRequiredService<ReferenceChecker>();
        var ms = services.GetRequiredService<IOptions<MoySkladOptions>>().Value;
        var moySkladOk = await CheckAsync("МойСклад", ms.BaseUrl, ms.IsConfigured,
            "set MoySklad:Token (or MoySklad:Login and MoySklad:Password)", async () =>
            {
                var ping = await services.GetRequiredService<MoySkladClient>().PingAsync(cts.Token);
                var names = await checker.CheckMoySkladAsync(cts.Token);
                return (names.State == ReferenceState.Found,
                    $"{ping.ElapsedMs} ms  {ms.BaseUrl}  organizations: {ping.Organizations}, rate limit remaining: {ping.RateLimitRemaining ?? "?"}; {names.Summary()}");
            });

        var oneC = services.GetRequiredService<IOptions<OneCOptions>>().Value;
        var oneCOk = await CheckAsync("1C", oneC.BaseUrl, oneC.IsConfigured,
            "set OneC:BaseUrl, OneC:User and OneC:Password", async () =>
            {
                var ping = await services.GetRequiredService<OneCClient>().PingAsync(cts.Token);
                var names = await checker.CheckOneCAsync(cts.Token);
                // No donor warehouses configured is no fault of the connection.
                return (names.State is ReferenceState.Found or ReferenceState.NotConfigured,
                    $"{ping.ElapsedMs} ms  {oneC.BaseUrl}  warehouses: {ping.Warehouses}; {names.Summary()}");
            });

        // The calls above were logged as integration logs; they must reach the database before the process ends.
        try { await services.GetRequiredService<IIntegrationLogWriter>().FlushAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token); }
        catch (OperationCanceledException) { Console.Error.WriteLine("warning: some integration logs of this check could not be written"); }
        return moySkladOk && oneCOk;
    }

    /// <summary>Prints one line per system: OK with what the server said, or FAILED with the reason (a missing name is one).</summary>
    private static async Task<bool> CheckAsync(string system, string baseUrl, bool configured, string howToConfigure, Func<Task<(bool Ok, string Text)>> probe)
    {
        var label = system.PadRight(9);
        if (!configured)
        {
            Console.WriteLine($"{label} FAILED  not configured: {howToConfigure}");
            return false;
        }
        try
        {
            var (ok, text) = await probe();
            Console.WriteLine($"{label} {(ok ? "OK    " : "FAILED")}  {text}");
            return ok;
        }
        catch (Exception ex) when (ex is ExternalApiException or InvalidOperationException or OperationCanceledException or System.Text.Json.JsonException)
        {
            Console.WriteLine($"{label} FAILED  {baseUrl}  {ex.Message}");
            return false;
        }
    }
}
