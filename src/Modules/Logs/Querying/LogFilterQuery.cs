using FastEndpoints;
using FluentValidation;
using Hub.Logs.Writing;

namespace Hub.Logs.Querying;

/// <summary>
/// The filter query parameters every logs read takes (list, export), in the users' snake_case names.
/// Lists take comma-separated values. Each endpoint's request adds what is its own (paging, format).
/// </summary>
public abstract class LogFilterQuery
{
    [BindFrom("from")] public DateTimeOffset? From { get; set; }
    [BindFrom("to")] public DateTimeOffset? To { get; set; }
    [BindFrom("level")] public string? Level { get; set; }
    [BindFrom("status")] public string? Status { get; set; }
    [BindFrom("process")] public string? Process { get; set; }
    [BindFrom("step")] public string? Step { get; set; }
    [BindFrom("external_system")] public string? ExternalSystem { get; set; }
    [BindFrom("run_id")] public string? RunId { get; set; }
    [BindFrom("request_id")] public string? RequestId { get; set; }
    [BindFrom("job_id")] public string? JobId { get; set; }
    [BindFrom("text")] public string? Text { get; set; }

    public LogFilter ToFilter() => new()
    {
        From = From,
        To = To,
        Levels = LogFilter.SplitList(Level, LogFilter.NormalizeLevel),
        Statuses = LogFilter.SplitList(Status, s => s.ToLowerInvariant()),
        Process = Blank(Process),
        Step = Blank(Step),
        ExternalSystem = Blank(ExternalSystem)?.ToLowerInvariant(),
        RunId = ParseId(RunId),
        RequestId = ParseId(RequestId),
        JobId = ParseId(JobId),
        Text = Blank(Text)
    };

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
    private static Guid? ParseId(string? s) => IdNormalizer.TryNormalize(s, out var id) ? id : null;
}

/// <summary>The filter rules, included by each request's validator so a bad filter reads the same everywhere.</summary>
public sealed class LogFilterQueryValidator : AbstractValidator<LogFilterQuery>
{
    public LogFilterQueryValidator()
    {
        RuleFor(x => x).Must(x => x.From is null || x.To is null || x.From < x.To).OverridePropertyName("to")
            .WithMessage("to must be later than from");
        RuleFor(x => x.Level).Must(l => LogFilter.SplitList(l, _ => null).All(v => LogFilter.NormalizeLevel(v) is not null))
            .OverridePropertyName("level").WithMessage("level takes DEBUG, INFO, WARNING, ERROR or CRITICAL (comma-separated for several)");
        RuleFor(x => x.RunId).Must(BeUuid).OverridePropertyName("run_id").WithMessage("run_id is not a UUID");
        RuleFor(x => x.RequestId).Must(BeUuid).OverridePropertyName("request_id").WithMessage("request_id is not a UUID");
        RuleFor(x => x.JobId).Must(BeUuid).OverridePropertyName("job_id").WithMessage("job_id is not a UUID");
        RuleFor(x => x.Text).MaximumLength(500).OverridePropertyName("text");
    }

    private static bool BeUuid(string? value) => IdNormalizer.TryNormalize(value, out _);
}
