using System.Diagnostics.Metrics;
using Marten;
using Marten.Services;

namespace Hub.Replenishment.Runs;

/// <summary>Runs by outcome (Completed, CompletedWithFailures, Planned, Failed), counted from the events that end runs as they commit.</summary>
public sealed class RunMetrics : DocumentSessionListenerBase, IConfigureMarten
{
    public const string Name = "Hub.Replenishment";

    private readonly Counter<long> _finished;

    public RunMetrics(IMeterFactory meters) =>
        _finished = meters.Create(Name).CreateCounter<long>("hub.runs.finished", "{run}", "Replenishment runs that ended, by outcome");

    public void Configure(IServiceProvider services, StoreOptions options) => options.Listeners.Add(this);

    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        foreach (var data in commit.GetEvents().Select(e => e.Data))
        {
            var outcome = data switch { RunFinished f => f.Outcome, RunFailed => RunStatus.Failed, _ => (RunStatus?)null };
            if (outcome is not null) _finished.Add(1, new KeyValuePair<string, object?>("outcome", outcome.ToString()));
        }
        return Task.CompletedTask;
    }
}
