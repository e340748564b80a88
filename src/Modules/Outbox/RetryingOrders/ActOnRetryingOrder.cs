using Hub.Contracts.Replenishment;
using Hub.Outbox.Deliveries;
using Marten;
using Wolverine;
using Wolverine.Marten;
using Wolverine.RDBMS;
using Wolverine.Runtime;

namespace Hub.Outbox.RetryingOrders;

public enum RetryingOrderAction { SendNow, Cancel }

/// <summary>An operator's word on one order waiting for a retry: try it now, or call it off.</summary>
public sealed record ActOnRetryingOrder(Guid OrderId, RetryingOrderAction Action, string By);

public enum RetryingOrderOutcome { Done, NotFound, NotRetrying, BeingTried }

/// <summary>What became of the request, with the order's state after it.</summary>
public sealed record RetryingOrderResult(Guid OrderId, string Action, RetryingOrderOutcome Outcome, string? State, DateTimeOffset? NextAttemptAt, string Detail);

/// <summary>The order as loaded, and whether its scheduled attempt in Wolverine's inbox was moved (or deleted) for this action.</summary>
public sealed record RetryingOrderClaim(Delivery? Delivery, bool Claimed);

/// <summary>
/// A retrying order's next attempt is a row of Wolverine's inbox with status Scheduled. Sending now moves its execution time
/// to now (Wolverine's scheduled-job poll takes it within seconds, with its attempt count, so its remaining retries stand);
/// cancelling deletes the row. Either happens only while the row is still Scheduled: Wolverine claims the row before it
/// tries the message, so an attempt in flight is never doubled or cut off; the operator is told to look again instead.
/// The row's change and the order's event are one transaction.
/// </summary>
public static class ActOnRetryingOrderHandler
{
    public static async Task<RetryingOrderClaim> LoadAsync(ActOnRetryingOrder command, IDocumentSession session, IWolverineRuntime runtime, CancellationToken ct)
    {
        var delivery = await session.LoadAsync<Delivery>(command.OrderId, ct);
        if (delivery is not { State: DeliveryState.Retrying, EnvelopeId: { } envelope }) return new(delivery, false);

        var table = $"{Inbox(runtime).SchemaName}.{DatabaseConstants.IncomingTable}";
        var change = command.Action == RetryingOrderAction.SendNow
            ? $"update {table} set execution_time = now() where id = ? and status = 'Scheduled' returning 1"
            : $"delete from {table} where id = ? and status = 'Scheduled' returning 1";
        await session.BeginTransactionAsync(ct);
        var touched = await session.QueryAsync<int>($"with touched as ({change}) select count(*)::int from touched", ct, envelope);
        return new(delivery, touched.Single() == 1);
    }

    public static (RetryingOrderResult, IMartenOp, OutgoingMessages) Handle(ActOnRetryingOrder command, RetryingOrderClaim claim, TimeProvider clock)
    {
        var action = command.Action == RetryingOrderAction.SendNow ? "send_now" : "cancel";
        if (claim.Delivery is not { } d)
            return (new(command.OrderId, action, RetryingOrderOutcome.NotFound, null, null, $"no order has id {command.OrderId}"), MartenOps.Nothing(), []);
        if (d.State != DeliveryState.Retrying)
            return (new(d.Id, action, RetryingOrderOutcome.NotRetrying, d.State.ToString(), d.NextAttemptAt,
                $"order {d.Id} is {d.State}: only an order waiting for a retry can be {(command.Action == RetryingOrderAction.SendNow ? "sent now" : "cancelled")}" +
                (d.State == DeliveryState.Parked ? "; a parked order is replayed or discarded instead" : "")), MartenOps.Nothing(), []);
        if (!claim.Claimed)
            return (new(d.Id, action, RetryingOrderOutcome.BeingTried, d.State.ToString(), d.NextAttemptAt,
                $"order {d.Id} is being tried right now; look at it again in a moment"), MartenOps.Nothing(), []);

        var now = clock.GetUtcNow();
        if (command.Action == RetryingOrderAction.SendNow)
            return (new(d.Id, action, RetryingOrderOutcome.Done, DeliveryState.Retrying.ToString(), now, $"order {d.Id} will be tried within seconds"),
                new AppendOrderEvents([new OrderBroughtForward(d.Id, d.RunId, d.ExternalSystem, command.By, now)]), []);

        // Its run counts it as failed, as a discarded parked order, and may end with it.
        return (new(d.Id, action, RetryingOrderOutcome.Done, DeliveryState.Discarded.ToString(), null, $"order {d.Id} is cancelled and will not be sent"),
            new AppendOrderEvents([new OrderCancelled(d.Id, d.RunId, d.ExternalSystem, command.By, now)]),
            [new OrderDeliveryChanged(d.RunId, d.Id, DeliveryState.Discarded, now)]);
    }

    private static IMessageDatabase Inbox(IWolverineRuntime runtime) =>
        runtime.Storage as IMessageDatabase ?? throw new InvalidOperationException("the outbox needs Wolverine's PostgreSQL message storage");
}
