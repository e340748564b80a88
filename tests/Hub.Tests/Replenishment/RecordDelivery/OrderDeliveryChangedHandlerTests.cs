using Hub.Contracts.Notifications;
using Hub.Contracts.Outbox;
using Hub.Contracts.Replenishment;
using Hub.Replenishment.RecordDelivery;
using Hub.Replenishment.Runs;

namespace Hub.Tests.Replenishment.RecordDelivery;

/// <summary>What an order's notice means for its run, decided from the run's summary and the delivery view's counts, without a host.</summary>
public sealed class OrderDeliveryChangedHandlerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(3));

    private static ReplenishmentRun Dispatching(int orders = 2)
    {
        var id = Guid.CreateVersion7();
        var run = ReplenishmentRun.Create(new RunRequested(id, RunTrigger.Api, null, false, T0));
        run.Apply(new RunPlanned(new RunInputs(1, 1, 1, 1, []), [], new Dictionary<string, int>(), [], 1, 1, orders, [], T0));
        return run;
    }

    private static OrderDeliveryChanged Notice(ReplenishmentRun run, DeliveryState state) => new(run.Id, Guid.CreateVersion7(), state, T0.AddMinutes(1));

    [Fact]
    public void a_run_with_an_order_not_tried_yet_goes_on_dispatching_and_keeps_its_scope()
    {
        var run = Dispatching();

        var (events, notices) = OrderDeliveryChangedHandler.Decide(run, Notice(run, DeliveryState.Sent), new RunOrderCounts(2, 1, 1, 0, Waiting: 1), T0.AddMinutes(1));

        Assert.Empty(events);
        Assert.Empty(notices);
        Assert.Equal(ReplenishmentRun.AllWarehouses, run.ActiveScope);
    }

    [Fact]
    public void once_every_order_was_tried_the_run_frees_its_scope_and_goes_on_until_the_retrying_one_ends()
    {
        var run = Dispatching();

        var (events, notices) = OrderDeliveryChangedHandler.Decide(run, Notice(run, DeliveryState.Retrying), new RunOrderCounts(2, 1, 1, 0), T0.AddMinutes(1));

        var dispatched = Assert.IsType<RunDispatched>(Assert.Single(events));
        Assert.Equal(1, dispatched.StillOpen);
        Assert.Empty(notices);
        run.Apply(dispatched);
        Assert.Equal(RunStatus.Dispatching, run.Status);
        Assert.Null(run.ActiveScope);
        Assert.True(run.IsActive);

        // Another attempt of the same order changes nothing more; its end ends the run.
        Assert.Empty(OrderDeliveryChangedHandler.Decide(run, Notice(run, DeliveryState.Retrying), new RunOrderCounts(2, 1, 1, 0), T0.AddMinutes(2)).Events);
        var (end, _) = OrderDeliveryChangedHandler.Decide(run, Notice(run, DeliveryState.Sent), new RunOrderCounts(2, 0, 2, 0), T0.AddMinutes(3));
        Assert.IsType<RunFinished>(Assert.Single(end));
    }

    [Fact]
    public void a_dry_run_claims_no_scope()
    {
        var run = ReplenishmentRun.Create(new RunRequested(Guid.CreateVersion7(), RunTrigger.Api, null, true, T0));
        Assert.Null(run.ActiveScope);
        Assert.True(run.IsActive);
    }

    [Fact]
    public void the_last_order_sent_completes_the_run_once_and_frees_its_scope()
    {
        var run = Dispatching();

        var (events, notices) = OrderDeliveryChangedHandler.Decide(run, Notice(run, DeliveryState.Sent), new RunOrderCounts(2, 0, 2, 0), T0.AddMinutes(1));

        var finished = Assert.IsType<RunFinished>(Assert.Single(events));
        Assert.Equal((RunStatus.Completed, 2, 0), (finished.Outcome, finished.Sent, finished.Failed));
        var ended = Assert.IsType<RunEnded>(Assert.Single(notices));
        Assert.Equal((run.Id, "Completed", 0), (ended.RunId, ended.Outcome, ended.FailedOrders));
        run.Apply(finished);
        Assert.Null(run.ActiveScope);
        // A second notice after the end (another node saw the last order too) ends nothing again.
        Assert.Empty(OrderDeliveryChangedHandler.Decide(run, Notice(run, DeliveryState.Sent), new RunOrderCounts(2, 0, 2, 0), T0.AddMinutes(2)).Events);
    }

    [Fact]
    public void a_parked_last_order_ends_the_run_with_failures()
    {
        var run = Dispatching();

        var (events, notices) = OrderDeliveryChangedHandler.Decide(run, Notice(run, DeliveryState.Parked), new RunOrderCounts(2, 0, 1, 1), T0.AddMinutes(1));

        Assert.Equal(RunStatus.CompletedWithFailures, Assert.IsType<RunFinished>(Assert.Single(events)).Outcome);
        Assert.Equal(1, Assert.IsType<RunEnded>(Assert.Single(notices)).FailedOrders);
    }

    [Fact]
    public void orders_the_delivery_view_has_not_seen_yet_keep_the_run_open()
    {
        var run = Dispatching(orders: 3);

        var (events, _) = OrderDeliveryChangedHandler.Decide(run, Notice(run, DeliveryState.Sent), new RunOrderCounts(2, 0, 2, 0), T0.AddMinutes(1));

        Assert.Empty(events);
    }

    [Fact]
    public void a_replayed_order_reopens_a_finished_run_and_its_end_closes_it_again()
    {
        var run = Dispatching();
        run.Apply(new RunFinished(RunStatus.CompletedWithFailures, 1, 1, T0.AddMinutes(1)));

        var (reopening, _) = OrderDeliveryChangedHandler.Decide(run, Notice(run, DeliveryState.Replayed), new RunOrderCounts(2, 1, 1, 0), T0.AddMinutes(2));
        var reopened = Assert.IsType<RunReopened>(Assert.Single(reopening));
        run.Apply(reopened);
        Assert.Equal(RunStatus.Dispatching, run.Status);
        Assert.Null(run.FinishedAt);
        Assert.Null(run.ActiveScope);

        var (closing, notices) = OrderDeliveryChangedHandler.Decide(run, Notice(run, DeliveryState.Sent), new RunOrderCounts(2, 0, 2, 0), T0.AddMinutes(3));
        Assert.Equal(RunStatus.Completed, Assert.IsType<RunFinished>(Assert.Single(closing)).Outcome);
        Assert.Single(notices);
    }

    [Fact]
    public void a_replay_whose_order_was_sent_before_the_notice_arrived_reopens_and_ends_in_one_go()
    {
        var run = Dispatching();
        run.Apply(new RunFinished(RunStatus.CompletedWithFailures, 1, 1, T0.AddMinutes(1)));

        var (events, _) = OrderDeliveryChangedHandler.Decide(run, Notice(run, DeliveryState.Replayed), new RunOrderCounts(2, 0, 2, 0), T0.AddMinutes(2));

        Assert.Collection(events, e => Assert.IsType<RunReopened>(e), e => Assert.Equal(RunStatus.Completed, Assert.IsType<RunFinished>(e).Outcome));
    }
}
