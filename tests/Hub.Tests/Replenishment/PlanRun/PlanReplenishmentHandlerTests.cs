using Hub.Integrations.OneC;
using Hub.Replenishment;
using Hub.Replenishment.PlanRun;
using Hub.Replenishment.Runs;
using Hub.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Hub.Tests.Replenishment.PlanRun;

/// <summary>The planning handler's decisions that need no 1C at all.</summary>
public sealed class PlanReplenishmentHandlerTests
{
    private static ReplenishmentRun Run(RunStatus status) => new()
    {
        Id = Guid.CreateVersion7(), Status = status, ActiveScope = status == RunStatus.Planning ? ReplenishmentRun.AllWarehouses : null,
        RequestedAt = DateTimeOffset.UtcNow,
    };

    [Fact]
    public async Task without_1c_settings_the_run_fails_at_once_saying_what_to_set_frees_its_scope_and_tells_the_notifications()
    {
        var run = Run(RunStatus.Planning);
        var logs = new RecordingLogWriter();
        var (op, messages) = await PlanReplenishmentHandler.Handle(new PlanReplenishment(run.Id), run, null!, Options.Create(new OneCOptions()), null!, null!, Options.Create(new Hub.Integrations.MoySklad.MoySkladOptions()),
            logs, TimeProvider.System, NullLogger<PlanReplenishment>.Instance, CancellationToken.None);

        // The failure is appended to the run's stream, and the summary it projects frees the scope.
        var append = Assert.IsType<AppendEvents>(op);
        var (stream, events) = Assert.Single(append.Appends);
        Assert.Equal(run.Id, stream);
        var failed = Assert.IsType<RunFailed>(Assert.Single(events));
        Assert.Contains("OneC:BaseUrl", failed.Error);
        run.Apply(failed);
        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Null(run.ActiveScope);
        // No orders to send; the one message is the failure's notice, with the reason the run records.
        var ended = Assert.IsType<Hub.Contracts.Notifications.RunEnded>(Assert.Single(messages));
        Assert.Equal((run.Id, "Failed", failed.Error), (ended.RunId, ended.Outcome, ended.Error));
        Assert.Contains(logs.Entries, e => e.Status == "failed" && e.RunId == run.Id.ToString());
    }

    [Fact]
    public async Task a_run_already_past_planning_is_left_alone_when_its_message_comes_again()
    {
        var run = Run(RunStatus.Dispatching);
        var (op, messages) = await PlanReplenishmentHandler.Handle(new PlanReplenishment(run.Id), run, null!, Options.Create(new OneCOptions()), null!, null!, Options.Create(new Hub.Integrations.MoySklad.MoySkladOptions()),
            new RecordingLogWriter(), TimeProvider.System, NullLogger<PlanReplenishment>.Instance, CancellationToken.None);

        Assert.Equal(RunStatus.Dispatching, run.Status);
        Assert.IsNotType<AppendEvents>(op);
        Assert.Empty(messages);
    }
}
