using Hub.Contracts.Replenishment;
using Hub.Replenishment.RecordDelivery;
using Hub.Replenishment.Runs;
using Wolverine.Marten;

namespace Hub.Tests.Replenishment.RecordDelivery;

/// <summary>How the Outbox's notices land on a run, without a host.</summary>
public sealed class OrderDeliveryChangedHandlerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(3));

    private static (ReplenishmentRun Run, RunOrder First, RunOrder Second) Dispatching()
    {
        var first = new RunOrder { Id = Guid.CreateVersion7(), Kind = OrderKind.Transfer };
        var second = new RunOrder { Id = Guid.CreateVersion7(), Kind = OrderKind.Purchase };
        var run = new ReplenishmentRun
        {
            Id = Guid.CreateVersion7(), Status = RunStatus.Dispatching, ActiveScope = ReplenishmentRun.AllWarehouses, RequestedAt = T0,
            Orders = [first, second],
        };
        return (run, first, second);
    }

    private static OrderDeliveryChanged Notice(ReplenishmentRun run, RunOrder order, DeliveryState state, DateTimeOffset at, int attempts = 1) =>
        new(run.Id, order.Id, state, attempts, at, ExternalId: state == DeliveryState.Sent ? "ext-" + order.Id : null);

    [Fact]
    public void a_notice_older_than_what_the_order_shows_changes_nothing()
    {
        var (run, first, _) = Dispatching();
        OrderDeliveryChangedHandler.Handle(Notice(run, first, DeliveryState.Sent, T0.AddSeconds(2), 2), run, TimeProvider.System);

        var (op, _) = OrderDeliveryChangedHandler.Handle(Notice(run, first, DeliveryState.Retrying, T0.AddSeconds(1)), run, TimeProvider.System);

        Assert.IsNotType<StoreDoc<ReplenishmentRun>>(op);
        Assert.Equal(DeliveryState.Sent, first.State);
        Assert.Equal(2, first.Attempts);
    }

    [Fact]
    public void the_run_ends_when_its_last_order_ends_frees_its_scope_and_says_so_once()
    {
        var (run, first, second) = Dispatching();
        var (_, before) = OrderDeliveryChangedHandler.Handle(Notice(run, first, DeliveryState.Sent, T0.AddSeconds(1)), run, TimeProvider.System);
        Assert.Equal(RunStatus.Dispatching, run.Status);
        Assert.Empty(before);

        var (_, notices) = OrderDeliveryChangedHandler.Handle(Notice(run, second, DeliveryState.Parked, T0.AddSeconds(2)), run, TimeProvider.System);

        Assert.Equal(RunStatus.CompletedWithFailures, run.Status);
        // The write that ends the run tells the notifications, once.
        var ended = Assert.IsType<Hub.Contracts.Notifications.RunEnded>(Assert.Single(notices));
        Assert.Equal((run.Id, "CompletedWithFailures", 1), (ended.RunId, ended.Outcome, ended.FailedOrders));
        Assert.Null(run.ActiveScope);
        Assert.NotNull(run.FinishedAt);
    }

    [Fact]
    public void a_replayed_order_reopens_its_finished_run_until_it_ends_again()
    {
        var (run, first, second) = Dispatching();
        OrderDeliveryChangedHandler.Handle(Notice(run, first, DeliveryState.Sent, T0.AddSeconds(1)), run, TimeProvider.System);
        OrderDeliveryChangedHandler.Handle(Notice(run, second, DeliveryState.Parked, T0.AddSeconds(2)), run, TimeProvider.System);

        OrderDeliveryChangedHandler.Handle(Notice(run, second, DeliveryState.Replayed, T0.AddSeconds(3)), run, TimeProvider.System);
        Assert.Equal(RunStatus.Dispatching, run.Status);
        Assert.Null(run.ActiveScope);

        OrderDeliveryChangedHandler.Handle(Notice(run, second, DeliveryState.Sent, T0.AddSeconds(4)), run, TimeProvider.System);
        Assert.Equal(RunStatus.Completed, run.Status);
        Assert.Equal("ext-" + second.Id, second.ExternalId);
    }

    [Fact]
    public void a_notice_for_an_order_the_run_does_not_have_changes_nothing()
    {
        var (run, _, _) = Dispatching();
        var stranger = new RunOrder { Id = Guid.CreateVersion7() };
        Assert.IsNotType<StoreDoc<ReplenishmentRun>>(
            OrderDeliveryChangedHandler.Handle(Notice(run, stranger, DeliveryState.Sent, T0), run, TimeProvider.System));
    }
}
