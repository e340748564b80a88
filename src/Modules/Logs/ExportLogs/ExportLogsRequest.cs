using FastEndpoints;
using FluentValidation;
using Hub.Logs.Querying;

namespace Hub.Logs.ExportLogs;

/// <summary>Query string of GET /api/v1/logs/export: the list's filters, a format, and the CSV delimiter.</summary>
public sealed class ExportLogsRequest : LogFilterQuery
{
    /// <summary>csv (default) or ndjson.</summary>
    [BindFrom("format")] public string? Format { get; set; }

    /// <summary>comma (default, RFC 4180) or semicolon, which Excel expects in locales with a decimal comma (ru-RU).</summary>
    [BindFrom("delimiter")] public string? Delimiter { get; set; }

    public LogExportFormat ParsedFormat => ParseFormat(Format) ?? LogExportFormat.Csv;

    public char ParsedDelimiter => ParseDelimiter(Delimiter) ?? ',';

    public static LogExportFormat? ParseFormat(string? format) => format?.Trim().ToLowerInvariant() switch
    {
        null or "" or "csv" => LogExportFormat.Csv,
        "ndjson" or "jsonl" => LogExportFormat.Ndjson,
        _ => null
    };

    public static char? ParseDelimiter(string? delimiter) => delimiter?.Trim().ToLowerInvariant() switch
    {
        null or "" or "comma" or "," => ',',
        "semicolon" or ";" => ';',
        _ => null
    };
}

public sealed class ExportLogsValidator : Validator<ExportLogsRequest>
{
    public ExportLogsValidator()
    {
        Include(new LogFilterQueryValidator());
        RuleFor(x => x.Format).Must(f => ExportLogsRequest.ParseFormat(f) is not null).OverridePropertyName("format")
            .WithMessage("format is csv or ndjson");
        RuleFor(x => x.Delimiter).Must(d => ExportLogsRequest.ParseDelimiter(d) is not null).OverridePropertyName("delimiter")
            .WithMessage("delimiter is comma or semicolon");
    }
}
