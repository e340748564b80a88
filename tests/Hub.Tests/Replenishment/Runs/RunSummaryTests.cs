using Hub.Replenishment.Runs;

namespace Hub.Tests.Replenishment.Runs;

/// <summary>How a run's own events fold into its summary, without a host.</summary>
public sealed class RunSummaryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(3));

    [Fact]
    public void a_requested_run_holds_its_scope_while_it_plans_and_dispatches_and_frees_it_at_its_end()
    {
        var id = Guid.CreateVersion7();
        var run = ReplenishmentRun.Create(new RunRequested(id, RunTrigger.Api, null, false, T0));
        Assert.Equal((RunStatus.Planning, ReplenishmentRun.AllWarehouses), (run.Status, run.ActiveScope));

        run.Apply(new RunPlanningStarted(T0));
        run.Apply(new RunPlanned(new RunInputs(3, 10, 30, 30, ["Бестужевых"]), [], new Dictionary<string, int>(), [], 120, 7, 4, [], T0.AddSeconds(2)));
        Assert.Equal((RunStatus.Dispatching, 4, 120L, 7L), (run.Status, run.OrderCount, run.ReadMs!.Value, run.PlanMs!.Value));
        Assert.Equal(ReplenishmentRun.AllWarehouses, run.ActiveScope);

        run.Apply(new RunFinished(RunStatus.CompletedWithFailures, 3, 1, T0.AddSeconds(5)));
        Assert.Equal((RunStatus.CompletedWithFailures, 3, 1, T0.AddSeconds(5)), (run.Status, run.Sent, run.Failed, run.FinishedAt!.Value));
        Assert.Null(run.ActiveScope);
    }

    [Fact]
    public void a_second_end_of_the_same_run_changes_nothing()
    {
        var id = Guid.CreateVersion7();
        var run = ReplenishmentRun.Create(new RunRequested(id, RunTrigger.Schedule, null, false, T0));
        run.Apply(new RunPlanned(new RunInputs(1, 1, 1, 1, []), [], new Dictionary<string, int>(), [], 1, 1, 2, [], T0));
        run.Apply(new RunFinished(RunStatus.Completed, 2, 0, T0.AddSeconds(5)));

        run.Apply(new RunFinished(RunStatus.CompletedWithFailures, 1, 1, T0.AddSeconds(6)));

        Assert.Equal((RunStatus.Completed, T0.AddSeconds(5)), (run.Status, run.FinishedAt!.Value));
    }

    [Fact]
    public void a_failed_planning_ends_a_one_warehouse_run_with_its_reason()
    {
        var warehouse = Guid.NewGuid();
        var run = ReplenishmentRun.Create(new RunRequested(Guid.CreateVersion7(), RunTrigger.Cli, warehouse, false, T0));
        Assert.Equal(warehouse.ToString(), run.ActiveScope);

        run.Apply(new RunFailed("1C is not configured", T0.AddSeconds(1)));

        Assert.Equal((RunStatus.Failed, "1C is not configured"), (run.Status, run.Error));
        Assert.Null(run.ActiveScope);
    }
}
