using Hub.Contracts.Outbox;
using Hub.Outbox.DeadLetters;
using Hub.Outbox.Deliveries;
using Hub.Outbox.RetryingOrders;
using Marten;
using Wolverine;

namespace Hub.Outbox.Reading;

/// <summary>
/// The Outbox module's side of <see cref="IOutbox"/>: reads take the query session, replays and discards go through the same
/// handler as the dead-letters API, so a page and the API act alike.
/// </summary>
public sealed class OutboxDesk(IQuerySession session, IMessageBus bus) : IOutbox
{
    public IReadOnlyList<string> Systems => DeadLetterFilter.Systems;

    public IReadOnlyList<string> Check(ParkedOrderQuery query) =>
        new ListDeadLettersValidator().Validate(Request(query)).Errors.Select(e => e.ErrorMessage).ToArray();

    public Task<DeadLettersPage> ParkedAsync(ParkedOrderQuery query, int limit, CancellationToken ct) =>
        ListDeadLettersHandler.Handle(new ListDeadLetters(Filter(query), limit, null), session, ct);

    public async Task<int> CountParkedAsync(ParkedOrderQuery query, CancellationToken ct) =>
        (await bus.InvokeAsync<DeadLetterActionResult>(new ActOnDeadLetters(DeadLetterAction.Replay, Filter(query), true), ct)).Matched;

    public async Task<int> ReleaseAsync(ParkedOrderQuery query, bool replay, CancellationToken ct) =>
        (await bus.InvokeAsync<DeadLetterActionResult>(
            new ActOnDeadLetters(replay ? DeadLetterAction.Replay : DeadLetterAction.Discard, Filter(query), false), ct)).Matched;

    public Task<IReadOnlyList<PendingOrder>> PendingAsync(string? system, Guid? runId, int limit, CancellationToken ct) =>
        PendingOrders.ReadAsync(session, system, runId, limit, ct);

    public async Task<IReadOnlyList<ParkedRun>> ParkedRunsAsync(int limit, CancellationToken ct) =>
        await session.QueryAsync<ParkedRun>(
            "select jsonb_build_object('run_id', run_id, 'parked', count(*), 'last_parked_at', max(updated_at)) " +
            $"from {session.DocumentStore.Options.DatabaseSchemaName}.{Delivery.TableName} where state = 'Parked' " +
            "group by run_id order by max(updated_at) desc limit ?", ct, limit);

    public Task<int> CountRetryingAsync(CancellationToken ct) => session.Query<Delivery>().CountAsync(d => d.State == DeliveryState.Retrying, ct);

    public async Task<RetryingOrderAnswer> ActOnRetryingAsync(Guid orderId, bool sendNow, string by, CancellationToken ct)
    {
        var result = await bus.InvokeAsync<RetryingOrderResult>(
            new ActOnRetryingOrder(orderId, sendNow ? RetryingOrderAction.SendNow : RetryingOrderAction.Cancel, by), ct);
        return new RetryingOrderAnswer(result.Outcome.ToString(), result.Detail);
    }

    private static ListDeadLettersRequest Request(ParkedOrderQuery q) =>
        new() { System = q.System, ExceptionType = q.ExceptionType, From = q.From, To = q.To, RunId = q.RunId };

    private static DeadLetterFilter Filter(ParkedOrderQuery q) => Request(q).ToFilter(q.Ids);
}
