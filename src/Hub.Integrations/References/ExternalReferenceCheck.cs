using Hub.Contracts.Logging;
using Hub.Integrations.Http;
using Hub.Integrations.MoySklad;
using Hub.Integrations.OneC;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hub.Integrations.References;

/// <summary>
/// Checks the configured names of both systems once the hub has started, so a renamed store or a typo shows at
/// start instead of at the first order. It never holds up or fails the start: the systems may be briefly down, so a
/// check that got no answer is tried again with growing pauses. Each outcome is one console line, one integration
/// log and the state of the <c>external-references</c> health check; a system without credentials gets the line only.
/// </summary>
public sealed class ExternalReferenceCheck(ReferenceChecker checker, ExternalReferences results, IIntegrationLogWriter logs,
    ILogger<ExternalReferenceCheck> logger, TimeProvider clock) : BackgroundService
{
    public const string ProcessName = "startup_check";
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromMinutes(5);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.WhenAll(
        RunAsync(MoySkladClient.System, ReferenceChecker.MoySkladLabel, checker.CheckMoySkladAsync, stoppingToken),
        RunAsync(OneCClient.System, ReferenceChecker.OneCLabel, checker.CheckOneCAsync, stoppingToken));

    private async Task RunAsync(string system, string label, Func<CancellationToken, Task<SystemReferences>> check, CancellationToken ct)
    {
        // Off the start path before the first request, whatever the host does with ExecuteAsync's synchronous part.
        await Task.Yield();
        results.Set(new SystemReferences(system, label, ReferenceState.Checking, []));
        using var scope = IntegrationScope.Begin(new IntegrationScope(ProcessName));
        var delay = FirstRetry;
        for (var attempt = 0; ; attempt++)
        {
            var started = clock.GetTimestamp();
            SystemReferences result;
            var again = false;
            try
            {
                result = await check(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (ExternalApiException ex) when (ex.IsTransient)
            {
                result = new SystemReferences(system, label, ReferenceState.Failed, [], $"{ex.Message}; trying again in {delay.TotalSeconds:0} s");
                again = true;
            }
            catch (Exception ex)
            {
                // A bad URL, a refused credential, a body that is not JSON: trying again will not help, and an exception
                // leaving a background service would stop the whole hub.
                result = new SystemReferences(system, label, ReferenceState.Failed, [], ex.Message);
            }
            // One line per outcome: the first failure is reported, its repeats are not, the final answer is. Logged
            // before it shows in the health check, so whoever sees the state can find its log.
            if (!again || attempt == 0) Report(result, attempt, clock.GetElapsedTime(started), again);
            results.Set(result);
            if (!again) return;
            try
            {
                await Task.Delay(delay, clock, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            delay = TimeSpan.FromTicks(Math.Min(LongestRetry.Ticks, delay.Ticks * 2));
        }
    }

    private void Report(SystemReferences result, int attempt, TimeSpan elapsed, bool retrying)
    {
        var line = result.Describe();
        var level = result.State is ReferenceState.Found or ReferenceState.NotConfigured ? LogLevel.Information : LogLevel.Warning;
        logger.Log(level, "{Line}", line);
        // Skipped means skipped: a hub without credentials (a test host, a fresh install) asks nothing and stores nothing.
        if (result.State == ReferenceState.NotConfigured) return;
        logs.Write(new LogEntry
        {
            ProcessName = ProcessName,
            Step = "external_references",
            ExternalSystem = result.System,
            Action = "check_references",
            Level = level == LogLevel.Information ? LogLevels.Info : LogLevels.Warning,
            Status = result.State == ReferenceState.Found ? LogStatuses.Success : retrying ? LogStatuses.Retrying : LogStatuses.Failed,
            Message = line,
            ElapsedMs = (long)elapsed.TotalMilliseconds,
            RetryCount = attempt,
            Details = new Dictionary<string, object?> { ["state"] = result.StateName, ["names"] = result.NamesJson(), ["problem"] = result.Problem },
            ErrorMessage = result.State is ReferenceState.NotFound or ReferenceState.Failed ? line : null,
        });
    }
}
