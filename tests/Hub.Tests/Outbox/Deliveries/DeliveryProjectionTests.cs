using Hub.Outbox.Deliveries;

namespace Hub.Tests.Outbox.Deliveries;

/// <summary>How an order's events fold into its delivery view, without a host.</summary>
public sealed class DeliveryProjectionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(3));

    private static Delivery Queued(out Guid orderId, out Guid runId)
    {
        orderId = Guid.CreateVersion7();
        runId = Guid.CreateVersion7();
        return DeliveryProjection.Create(new OrderQueued(orderId, runId, OrderKind.Transfer, Guid.NewGuid(), "Бестужевых", Guid.NewGuid(), "Магазин Купчино",
            [new PlannedLine(Guid.NewGuid(), "Чай", "шт", 5)], T0));
    }

    [Fact]
    public void a_queued_order_names_its_system_and_lines_and_is_open()
    {
        var d = Queued(out _, out _);

        Assert.Equal(("1c", nameof(SendTransferOrder), DeliveryState.Queued, 0), (d.ExternalSystem, d.MessageType, d.State, d.Attempts));
        Assert.Single(d.Lines);
        Assert.True(d.IsOpen);
        Assert.Contains("Бестужевых → Магазин Купчино", d.Description);
    }

    [Fact]
    public void retries_then_a_success_leave_the_order_sent_with_its_number_and_attempts()
    {
        var d = Queued(out var order, out var run);
        d = DeliveryProjection.Apply(new OrderRetrying(order, run, "1c", 1, Guid.NewGuid(), "ExternalApiException", "503", T0.AddMinutes(1), T0.AddSeconds(1)), d);
        Assert.Equal((DeliveryState.Retrying, T0.AddMinutes(1)), (d.State, d.NextAttemptAt!.Value));

        d = DeliveryProjection.Apply(new OrderSent(order, run, "1c", 2, Guid.NewGuid(), "ref", "00-000042", null, T0.AddMinutes(1)), d);

        Assert.Equal((DeliveryState.Sent, 2, "00-000042"), (d.State, d.Attempts, d.ExternalNumber));
        Assert.Null(d.NextAttemptAt);
        Assert.False(d.IsOpen);
    }

    [Fact]
    public void a_late_retry_record_after_the_success_does_not_reopen_a_sent_order()
    {
        var d = Queued(out var order, out var run);
        d = DeliveryProjection.Apply(new OrderSent(order, run, "1c", 2, null, "ref", "00-000042", null, T0.AddMinutes(1)), d);

        d = DeliveryProjection.Apply(new OrderRetrying(order, run, "1c", 1, null, "TimeoutException", "late", T0.AddMinutes(2), T0.AddSeconds(30)), d);

        Assert.Equal(DeliveryState.Sent, d.State);
    }

    [Fact]
    public void a_parked_order_replayed_counts_its_attempts_on_and_can_be_discarded_only_while_parked()
    {
        var d = Queued(out var order, out var run);
        d = DeliveryProjection.Apply(new OrderDeadLettered(order, run, "1c", 3, null, "OneCPostingException", "Не заполнено поле Организация", T0.AddMinutes(5)), d);
        Assert.Equal((DeliveryState.Parked, 3), (d.State, d.Attempts));

        d = DeliveryProjection.Apply(new OrderReplayed(order, run, "1c", "an operator", T0.AddMinutes(6)), d);
        Assert.Equal(DeliveryState.Replayed, d.State);
        Assert.Contains("Не заполнено поле Организация", d.Reason);
        // Wolverine counts a replayed message's attempts from one again; the view goes on from the three before.
        d = DeliveryProjection.Apply(new OrderSent(order, run, "1c", 1, null, "ref", "00-000043", null, T0.AddMinutes(7)), d);
        Assert.Equal((DeliveryState.Sent, 4), (d.State, d.Attempts));

        d = DeliveryProjection.Apply(new OrderDiscarded(order, run, "1c", "an operator", T0.AddMinutes(8)), d);
        Assert.Equal(DeliveryState.Sent, d.State);
    }
}
