using FastEndpoints;
using FluentValidation;
using Hub.Contracts.Replenishment;
using Hub.Outbox.Deliveries;
using Marten;

namespace Hub.Outbox.DeadLetters;

/// <summary>Which parked orders an operator means: by system, exception type, time parked and run; or by ids.</summary>
public class DeadLetterFilterRequest
{
    [BindFrom("system")] public string? System { get; set; }
    [BindFrom("exception_type")] public string? ExceptionType { get; set; }
    [BindFrom("from")] public DateTimeOffset? From { get; set; }
    [BindFrom("to")] public DateTimeOffset? To { get; set; }
    [BindFrom("run_id")] public Guid? RunId { get; set; }

    public DeadLetterFilter ToFilter(IReadOnlyList<Guid>? ids = null) => new(System?.Trim().ToLowerInvariant(), ExceptionType?.Trim(), From, To, RunId, ids ?? []);
}

public sealed record DeadLetterFilter(string? System, string? ExceptionType, DateTimeOffset? From, DateTimeOffset? To, Guid? RunId, IReadOnlyList<Guid> Ids)
{
    public static readonly string[] Systems = ["1c", "moysklad"];

    public IQueryable<Delivery> Apply(IQuerySession session)
    {
        var parked = session.Query<Delivery>().Where(d => d.State == DeliveryState.Parked);
        if (Ids.Count > 0) parked = parked.Where(d => d.Id.IsOneOf(Ids.ToArray()));
        if (System is { Length: > 0 } system) parked = parked.Where(d => d.ExternalSystem == system);
        if (ExceptionType is { Length: > 0 } type) parked = parked.Where(d => d.ExceptionType == type);
        if (From is { } from) parked = parked.Where(d => d.UpdatedAt >= from);
        if (To is { } to) parked = parked.Where(d => d.UpdatedAt < to);
        if (RunId is { } run) parked = parked.Where(d => d.RunId == run);
        return parked;
    }
}

public static class DeadLetterFilterRules
{
    public static void AddFilterRules<T>(this AbstractValidator<T> validator) where T : DeadLetterFilterRequest
    {
        validator.RuleFor(x => x.System).Must(s => s is null || DeadLetterFilter.Systems.Contains(s.Trim().ToLowerInvariant()))
            .OverridePropertyName("system").WithMessage($"system must be one of: {string.Join(", ", DeadLetterFilter.Systems)}");
        validator.RuleFor(x => x).Must(x => x.From is null || x.To is null || x.From < x.To)
            .OverridePropertyName("from").WithMessage("from must be before to");
    }
}
