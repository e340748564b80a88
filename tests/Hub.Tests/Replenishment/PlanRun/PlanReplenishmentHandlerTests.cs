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

    private static Hub.Replenishment.Planning.Plan PlanOf(params Decision[] decisions) =>
        new(decisions, [], [new Hub.Replenishment.Planning.PlannedPurchase(decisions[0].WarehouseKey, decisions[0].WarehouseName,
            [new PlannedLine(decisions[0].ItemKey, decisions[0].ItemName, "шт", 5)])], new Dictionary<string, int>(), []);

    private static Decision Shelf(decimal onItsWay, decimal toPurchase) =>
        new(Guid.NewGuid(), "Магазин Купчино", Guid.NewGuid(), "Чайник", "шт", 2, 10, 20, 18 - onItsWay, [], toPurchase, DecisionOutcome.Purchase,
            $"balance 2 + {onItsWay} on its way < minimum 10") { OnItsWay = onItsWay };

    private static readonly Hub.Replenishment.Planning.PlanningInput NoInput = new([], [], [], [], []);

    [Fact]
    public void a_person_s_plan_that_orders_on_top_of_goods_on_their_way_waits_with_its_orders_unsent_and_a_give_up_scheduled()
    {
        var run = Run(RunStatus.Planning);
        run.AsksToConfirm = true;
        var now = DateTimeOffset.UtcNow;
        var (append, messages) = PlanReplenishmentHandler.Apply(run, NoInput, PlanOf(Shelf(onItsWay: 3, toPurchase: 5)), 1, 1, now);

        var events = Assert.Single(append.Appends, a => a.Stream == run.Id).Events;
        var planned = Assert.Single(events.OfType<RunPlanned>());
        Assert.Single(planned.Unsent);
        var waiting = Assert.Single(events.OfType<RunAwaitingConfirmation>());
        Assert.Equal((1, now + PlanReplenishmentHandler.ConfirmationWindow), (waiting.Shelves, waiting.ExpiresAt));
        // Nothing for the outbox: no order stream, no send; only the give-up, an hour away.
        Assert.DoesNotContain(append.Appends, a => a.Stream != run.Id);
        var giveUp = Assert.IsType<Wolverine.ScheduledMessage<Hub.Replenishment.ConfirmPlan.ConfirmRun>>(Assert.Single(messages));
        Assert.False(giveUp.Message.Send);
        run.Apply(planned);
        run.Apply(waiting);
        Assert.Equal(RunStatus.AwaitingConfirmation, run.Status);
        Assert.NotNull(run.ActiveScope);
    }

    [Theory]
    [InlineData(false, 3, 5)] // the schedule or an API client is never asked
    [InlineData(true, 0, 5)]  // nothing on its way to that shelf
    [InlineData(true, 3, 0)]  // on its way, and nothing more ordered for it
    public void otherwise_the_plan_goes_to_the_outbox_at_once(bool asks, decimal onItsWay, decimal toPurchase)
    {
        var run = Run(RunStatus.Planning);
        run.AsksToConfirm = asks;
        var (append, messages) = PlanReplenishmentHandler.Apply(run, NoInput, PlanOf(Shelf(onItsWay, toPurchase)), 1, 1, DateTimeOffset.UtcNow);

        Assert.DoesNotContain(append.Appends.SelectMany(a => a.Events), e => e is RunAwaitingConfirmation);
        Assert.Single(messages.OfType<SendCustomerOrder>());
    }
}
