using FastEndpoints;
using FluentValidation;
using Hub.Contracts.Replenishment;
using Hub.Outbox.Deliveries;
using Marten;
using Wolverine;
using Wolverine.Marten;
using Wolverine.Persistence.Durability.DeadLetterManagement;
using Wolverine.Runtime;

namespace Hub.Outbox.DeadLetters;

public enum DeadLetterAction { Replay, Discard }

/// <summary>Replay or discard: the ids given, or every parked order the filter matches. A dry run only counts.</summary>
public sealed class ActOnDeadLettersRequest : DeadLetterFilterRequest
{
    [BindFrom("ids")] public List<Guid>? Ids { get; set; }
    [BindFrom("dry_run")] public bool DryRun { get; set; }
    /// <summary>Acting on every parked order needs saying so: an empty filter is too easy to send by mistake.</summary>
    [BindFrom("all")] public bool All { get; set; }
}

public sealed class ActOnDeadLettersValidator : Validator<ActOnDeadLettersRequest>
{
    public ActOnDeadLettersValidator()
    {
        this.AddFilterRules();
        RuleFor(x => x).Must(x => x.All || x.Ids is { Count: > 0 } || x.System is not null || x.ExceptionType is not null
                                  || x.From is not null || x.To is not null || x.RunId is not null)
            .OverridePropertyName("ids").WithMessage("give ids, a filter (system, exception_type, from, to, run_id), or all=true");
    }
}

public sealed record ActOnDeadLetters(DeadLetterAction Action, DeadLetterFilter Filter, bool DryRun);

public sealed record DeadLetterActionResult(string Action, bool DryRun, int Matched, IReadOnlyList<Guid> Ids);

/// <summary>Wolverine's part of a replay or discard, sent only after the deliveries' new state is committed.</summary>
public sealed record ReleaseDeadLetters(DeadLetterAction Action, Guid[] EnvelopeIds);

/// <summary>Appends each matching order's replay or discard to its stream and tells its run, in one transaction; Wolverine's dead letters follow through <see cref="ReleaseDeadLetters"/>.</summary>
public static class ActOnDeadLettersHandler
{
    public static async Task<IReadOnlyList<Delivery>> LoadAsync(ActOnDeadLetters command, IDocumentSession session, CancellationToken ct) =>
        await command.Filter.Apply(session).OrderBy(d => d.UpdatedAt).ToListAsync(ct);

    public static (DeadLetterActionResult, IMartenOp, OutgoingMessages) Handle(ActOnDeadLetters command, IReadOnlyList<Delivery> matched, TimeProvider clock)
    {
        var result = new DeadLetterActionResult(command.Action.ToString().ToLowerInvariant(), command.DryRun, matched.Count, matched.Select(d => d.Id).ToArray());
        if (command.DryRun || matched.Count == 0) return (result, MartenOps.Nothing(), []);

        var now = clock.GetUtcNow();
        var replay = command.Action == DeadLetterAction.Replay;
        var messages = new OutgoingMessages();
        var events = new List<IOrderEvent>();
        foreach (var delivery in matched)
        {
            events.Add(replay ? new OrderReplayed(delivery.Id, delivery.RunId, delivery.ExternalSystem, Operator, now) : new OrderDiscarded(delivery.Id, delivery.RunId, delivery.ExternalSystem, Operator, now));
            messages.Add(new OrderDeliveryChanged(delivery.RunId, delivery.Id, replay ? DeliveryState.Replayed : DeliveryState.Discarded, now));
        }

        messages.Add(new ReleaseDeadLetters(command.Action, matched.Where(d => d.EnvelopeId is not null).Select(d => d.EnvelopeId!.Value).ToArray()));
        return (result, new AppendOrderEvents(events), messages);
    }

    private const string Operator = "an operator";
}

/// <summary>Replays or discards the envelopes in Wolverine's dead-letter storage; its durability agent picks replayed ones up.</summary>
public static class ReleaseDeadLettersHandler
{
    public static Task Handle(ReleaseDeadLetters command, IWolverineRuntime runtime, CancellationToken ct)
    {
        if (command.EnvelopeIds.Length == 0) return Task.CompletedTask;
        var query = new DeadLetterEnvelopeQuery(command.EnvelopeIds);
        return command.Action == DeadLetterAction.Replay
            ? runtime.Storage.DeadLetters.ReplayAsync(query, ct)
            : runtime.Storage.DeadLetters.DiscardAsync(query, ct);
    }
}
