using Hub.Contracts.Replenishment;
using Hub.Replenishment.Runs;
using Marten;

namespace Hub.Tests.Infrastructure;

/// <summary>
/// A finished run of many orders written straight to the event store, as the planner and the Outbox would have written
/// it: the run's stream with its plan and end, a stream per order, and the given numbers sent and parked.
/// </summary>
public static class BigRun
{
    public sealed record Seeded(Guid RunId, IReadOnlyList<Guid> OrderIds, IReadOnlyList<Guid> Sent, IReadOnlyList<Guid> Parked);

    public static async Task<Seeded> SeedAsync(IDocumentStore store, int orders, int decisions, int sent, int parked)
    {
        var runId = Guid.CreateVersion7();
        var at = DateTimeOffset.UtcNow;
        var ids = Enumerable.Range(0, orders).Select(_ => Guid.CreateVersion7()).ToArray();
        var item = Guid.NewGuid();
        var plan = Enumerable.Range(0, decisions).Select(i => new Decision(Guid.NewGuid(), $"Магазин №{i}", item, "Чай чёрный", "шт", 1, 10, 20, 19,
            [new Allocation(Guid.NewGuid(), "Бестужевых", 19)], 0, DecisionOutcome.Transfer, $"decision {i}")).ToArray();
        await using var session = store.LightweightSession();
        session.Events.StartStream<ReplenishmentRun>(runId, new RunRequested(runId, RunTrigger.Api, null, false, at), new RunPlanningStarted(at),
            new RunPlanned(new RunInputs(decisions, 1, decisions, decisions, ["Бестужевых"]), plan, new Dictionary<string, int>(), [], 1, 1, orders, [], at));
        for (var i = 0; i < orders; i++)
        {
            var queued = new OrderQueued(ids[i], runId, OrderKind.Transfer, Guid.NewGuid(), "Бестужевых", Guid.NewGuid(), $"Магазин №{i}",
                [new PlannedLine(item, "Чай чёрный", "шт", 19)], at);
            object[] events = i < sent ? [queued, new OrderSent(ids[i], runId, "1c", 1, null, $"ref-{i}", $"00-{i:000000}", null, at)]
                : i < sent + parked ? [queued, new OrderDeadLettered(ids[i], runId, "1c", 3, null, "OneCPostingException", "not posted", at)]
                : [queued];
            session.Events.StartStream(ids[i], events);
        }
        await session.SaveChangesAsync();
        return new Seeded(runId, ids, ids[..sent], ids[sent..(sent + parked)]);
    }
}
