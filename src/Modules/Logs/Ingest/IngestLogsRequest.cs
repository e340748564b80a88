using FastEndpoints;
using FluentValidation;
using Hub.Contracts.Logging;
using Hub.Logs.Writing;

namespace Hub.Logs.Ingest;

/// <summary>One record or a batch; the binder accepts an object, an array, or {"logs": [...]}.</summary>
public sealed class IngestLogsRequest
{
    public const int MaxBatch = 1000;
    public List<IncomingLog> Logs { get; set; } = [];
}

public sealed class IngestLogsValidator : Validator<IngestLogsRequest>
{
    public IngestLogsValidator()
    {
        RuleFor(x => x.Logs).NotEmpty().WithMessage("send one log record or a batch of 1 to 1000")
            .Must(l => l.Count <= IngestLogsRequest.MaxBatch).WithMessage($"a batch holds at most {IngestLogsRequest.MaxBatch} records");
        RuleForEach(x => x.Logs).SetValidator(new IncomingLogValidator()).OverridePropertyName("logs");
    }
}

public sealed class IncomingLogValidator : AbstractValidator<IncomingLog>
{
    public IncomingLogValidator()
    {
        RuleFor(x => x.ProcessName).NotEmpty().OverridePropertyName("process_name").WithMessage("process_name is required")
            .MaximumLength(200).OverridePropertyName("process_name");
        RuleFor(x => x.LogLevel ?? x.Level).Must(l => l is null || LogLevels.Normalize(l) is not null)
            .OverridePropertyName("log_level").WithMessage(x => $"log_level '{x.LogLevel ?? x.Level}' is not one of {string.Join(", ", LogLevels.All)}");
        RuleFor(x => x.Status).MaximumLength(50).OverridePropertyName("status");
        RuleFor(x => x.Step).MaximumLength(200).OverridePropertyName("step");
        RuleFor(x => x.JobName).MaximumLength(200).OverridePropertyName("job_name");
        RuleFor(x => x.ExternalSystem).MaximumLength(100).OverridePropertyName("external_system");
        RuleFor(x => x.Action).MaximumLength(200).OverridePropertyName("action");
        RuleFor(x => x.RelatedEntityType).MaximumLength(200).OverridePropertyName("related_entity_type");
        RuleFor(x => x.RelatedEntityId).MaximumLength(200).OverridePropertyName("related_entity_id");
        RuleFor(x => x.Message).MaximumLength(LogNormalizer.MaxTextLength).OverridePropertyName("message");
        RuleFor(x => x.ErrorMessage).MaximumLength(LogNormalizer.MaxTextLength).OverridePropertyName("error_message");
        RuleFor(x => x.ErrorCode).MaximumLength(100).OverridePropertyName("error_code");
        RuleFor(x => x.ElapsedMs).GreaterThanOrEqualTo(0).OverridePropertyName("elapsed_ms");
        RuleFor(x => x.RetryCount).GreaterThanOrEqualTo(0).OverridePropertyName("retry_count");
        RuleFor(x => x.Ts).Must(ts => ts is null || ts <= DateTimeOffset.UtcNow.AddDays(1))
            .OverridePropertyName("ts").WithMessage("ts is more than a day in the future");
    }
}
