using FastEndpoints;
using FluentValidation;
using Hub.Contracts.Logging;
using Hub.Logs.Writing;
using Microsoft.Extensions.Options;

namespace Hub.Logs.Ingest;

/// <summary>One record or a batch; the binder accepts an object, an array, or {"logs": [...]}.</summary>
public sealed class IngestLogsRequest
{
    public const int MaxBatch = 1000;
    public List<IncomingLog> Logs { get; set; } = [];
    /// <summary>Set by the binder when the body was over Logs:Ingest:MaxBodyBytes: the endpoint answers 413.</summary>
    public bool TooLarge { get; set; }
}

public sealed class IngestLogsValidator : Validator<IngestLogsRequest>
{
    public IngestLogsValidator()
    {
        RuleFor(x => x.Logs).NotEmpty().When(x => !x.TooLarge).WithMessage("send one log record or a batch of 1 to 1000")
            .Must(l => l.Count <= IngestLogsRequest.MaxBatch).WithMessage($"a batch holds at most {IngestLogsRequest.MaxBatch} records");
        RuleForEach(x => x.Logs).SetValidator(new IncomingLogValidator(Resolve<IOptions<LogIngestOptions>>(), Resolve<TimeProvider>()))
            .OverridePropertyName("logs");
    }
}

public sealed class IncomingLogValidator : AbstractValidator<IncomingLog>
{
    private readonly IOptions<LogIngestOptions> options;
    private readonly TimeProvider clock;

    public IncomingLogValidator(IOptions<LogIngestOptions> options, TimeProvider clock)
    {
        this.options = options;
        this.clock = clock;
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
        RuleFor(x => x.ElapsedMs).InclusiveBetween(0, LogNormalizer.MaxElapsedMs).OverridePropertyName("elapsed_ms")
            .WithMessage($"elapsed_ms must be between 0 and {LogNormalizer.MaxElapsedMs} (a day)");
        RuleFor(x => x.RetryCount).InclusiveBetween(0, LogNormalizer.MaxRetryCount).OverridePropertyName("retry_count")
            .WithMessage($"retry_count must be between 0 and {LogNormalizer.MaxRetryCount}");
        RuleFor(x => x.Ts).Must(ts => ts is null || InWindow(ts.Value)).OverridePropertyName("ts")
            .WithMessage(x => TsMessage(x.Ts));
    }

    // The window both ingestion endpoints share (Logs:Ingest); the Seq endpoint keeps an event outside it at the hour it arrived.
    private bool InWindow(DateTimeOffset ts)
    {
        var (from, to) = Window();
        return ts >= from && ts <= to;
    }

    private string TsMessage(DateTimeOffset? ts)
    {
        var (from, to) = Window();
        return $"ts {ts:O} is outside the accepted window {from:yyyy-MM-dd HH:mm}Z to {to:yyyy-MM-dd HH:mm}Z (Logs:Ingest:MaxAgeDays, MaxFutureMinutes)";
    }

    private (DateTimeOffset From, DateTimeOffset To) Window() =>
        options.Value.TsWindow(clock.GetUtcNow());
}
