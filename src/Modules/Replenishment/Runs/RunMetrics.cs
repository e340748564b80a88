using System.Diagnostics.Metrics;
using Marten;
using Marten.Services;

namespace Hub.Replenishment.Runs;

/// <summary>Runs by outcome (Completed, CompletedWithFailures, Planned, Failed), counted when the write that ended one commits.</summary>
public sealed class RunMetrics : DocumentSessionListenerBase, IConfigureMarten
{
    public const string Name = "Hub.Replenishment";

    private readonly Counter<long> _finished;

    public RunMetrics(IMeterFactory meters) =>
        _finished = meters.Create(Name).CreateCounter<long>("hub.runs.finished", "{run}", "Replenishment runs that ended, by outcome");

    public void Configure(IServiceProvider services, StoreOptions options) => options.Listeners.Add(this);

    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        foreach (var run in commit.Updated.Concat(commit.Inserted).OfType<ReplenishmentRun>().Where(r => r.EndedInThisWrite))
            _finished.Add(1, new KeyValuePair<string, object?>("outcome", run.Status.ToString()));
        return Task.CompletedTask;
    }
}
