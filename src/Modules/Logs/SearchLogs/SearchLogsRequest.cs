using Hub.Contracts.Paging;
using FastEndpoints;
using FluentValidation;
using Hub.Logs.Querying;

namespace Hub.Logs.SearchLogs;

/// <summary>Query string of GET /api/v1/logs: the shared filters plus keyset paging.</summary>
public sealed class SearchLogsRequest : LogFilterQuery
{
    public const int DefaultPageSize = 500;
    public const int MaxPageSize = 2000;

    [BindFrom("page_size")] public int? PageSize { get; set; }
    [BindFrom("next")] public string? Next { get; set; }
}

public sealed class SearchLogsValidator : Validator<SearchLogsRequest>
{
    public SearchLogsValidator()
    {
        Include(new LogFilterQueryValidator());
        RuleFor(x => x.PageSize).InclusiveBetween(1, SearchLogsRequest.MaxPageSize).OverridePropertyName("page_size")
            .WithMessage($"page_size must be between 1 and {SearchLogsRequest.MaxPageSize}");
        RuleFor(x => x.Next).Must(n => n is null || KeysetCursor.TryDecode(n, out _)).OverridePropertyName("next")
            .WithMessage("next is not a cursor this API returned");
    }
}
