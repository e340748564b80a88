using FastEndpoints;
using FluentValidation;
using Hub.Contracts.Paging;
using Hub.Contracts.Security;
using Hub.Outbox.Deliveries;
using Marten;
using Marten.Linq.MatchesSql;
using Microsoft.AspNetCore.Http;
using Wolverine;

namespace Hub.Outbox.DeadLetters;

public sealed class ListDeadLettersRequest : DeadLetterFilterRequest
{
    [BindFrom("page_size")] public int PageSize { get; set; } = 100;
    [BindFrom("next")] public string? Next { get; set; }
}

public sealed class ListDeadLettersValidator : Validator<ListDeadLettersRequest>
{
    public ListDeadLettersValidator()
    {
        this.AddFilterRules();
        RuleFor(x => x.PageSize).InclusiveBetween(1, 1000).OverridePropertyName("page_size");
        RuleFor(x => x.Next).Must(n => n is null || KeysetCursor.TryDecode(n, out _)).OverridePropertyName("next")
            .WithMessage("next must be the cursor a previous page returned");
    }
}

public sealed record ListDeadLetters(DeadLetterFilter Filter, int PageSize, KeysetCursor? After);

/// <summary>Parked orders, most recently parked first, keyset-paged on (updated_at, id).</summary>
public static class ListDeadLettersHandler
{
    public static async Task<DeadLettersPage> Handle(ListDeadLetters query, IQuerySession session, CancellationToken ct)
    {
        var parked = query.Filter.Apply(session);
        if (query.After is { } after) parked = parked.Where(d => d.MatchesSql("(d.updated_at, d.id) < (?, ?)", after.Ts, after.Id));
        var page = await parked.OrderByDescending(d => d.UpdatedAt).ThenByDescending(d => d.Id).Take(query.PageSize + 1).ToListAsync(ct);
        var items = page.Take(query.PageSize).Select(Summarise).ToArray();
        return new DeadLettersPage(items, page.Count > query.PageSize ? new KeysetCursor(items[^1].ParkedAt, items[^1].Id).Encode() : null);
    }

    public static DeadLetterSummary Summarise(Delivery d) =>
        new(d.Id, d.RunId, d.ExternalSystem, d.MessageType, d.Description, d.Attempts, d.ExceptionType, d.Reason, d.UpdatedAt, d.EnvelopeId) { Order = Delivery.PartsOf(d), ReasonParts = DeliveryReasons.Parts(d.Reason) };
}

public sealed class ListDeadLettersEndpoint(IMessageBus bus) : Endpoint<ListDeadLettersRequest, DeadLettersPage>
{
    public override void Configure()
    {
        Get("/api/v1/dead-letters");
        Roles(HubRoles.Viewer);
        Description(d => d.WithTags("Outbox").ProducesProblemDetails());
        Summary(s => s.Summary = "Orders parked in the dead letters, filtered by system, exception type, time and run");
    }

    public override async Task HandleAsync(ListDeadLettersRequest req, CancellationToken ct)
    {
        var after = KeysetCursor.After(req.Next);
        await Send.OkAsync(await bus.InvokeAsync<DeadLettersPage>(new ListDeadLetters(req.ToFilter(), req.PageSize, after), ct), ct);
    }
}
