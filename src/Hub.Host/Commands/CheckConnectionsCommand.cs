using Hub.Contracts.Logging;
using Hub.Integrations.Connections;
using JasperFx.CommandLine;

namespace Hub.Host.Commands;

[Description("Checks the connection to 1C and МойСклад with the configured credentials", Name = "check-connections")]
public sealed class CheckConnectionsCommand : JasperFxAsyncCommand<NetCoreInput>
{
    /// <summary>Prints one line per system: OK with what the server said, or FAILED with the reason (a missing name is one).</summary>
    public override async Task<bool> Execute(NetCoreInput input)
    {
        using var host = input.BuildHost();
        var services = host.Services;

        // The same check the admin Health page runs, so both say the same thing about the same settings.
        var results = await services.GetRequiredService<ConnectionCheck>().RunAsync();
        foreach (var result in results) Console.WriteLine(result.ConsoleLine());

        // The calls were logged as integration logs; they must reach the database before the process ends.
        try { await services.GetRequiredService<IIntegrationLogWriter>().FlushAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token); }
        catch (OperationCanceledException) { Console.Error.WriteLine("warning: some integration logs of this check could not be written"); }
        return results.All(r => r.Ok);
    }
}
