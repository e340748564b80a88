using System.Text.Json.Nodes;
using Hub.Contracts.Logging;
using Hub.Contracts.Replenishment;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Hub.Host.Api;

/// <summary>
/// What a reader of /docs needs beyond what the endpoints declare: the document's title, a description and the allowed
/// values of every parameter (kept here by wire name, since the same names mean the same thing on every endpoint), and the
/// problem-details answers each operation can give. One place, so a new parameter without a description fails the
/// reference's test instead of appearing bare.
/// </summary>
public sealed class ApiReferenceTransformer : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    public const string Title = "Integration Hub API";
    private const string Problem = "ProblemDetails";
    private const string ValidationProblem = "ValidationProblemDetails";
    private const string ProblemJson = "application/problem+json";

    private sealed record Parameter(string Description, params string[] Allowed);

    private static readonly string[] Systems = ["1c", "moysklad"];

    // The wire names of the query, route and body parameters, with what they mean and what they take.
    private static readonly Dictionary<string, Parameter> Parameters = new(StringComparer.OrdinalIgnoreCase)
    {
        ["id"] = new("The record's id (a UUID)."),
        ["name"] = new("The schedule's name.", "replenishment", "log-retention"),
        ["action"] = new("What to do with the schedule.", "pause", "resume", "run"),
        ["from"] = new("Only records at or after this instant (ISO 8601 with an offset, e.g. 2026-11-23T09:00:00+03:00; UTC when none)."),
        ["to"] = new("Only records before this instant (ISO 8601; must be after from)."),
        ["level"] = new("One or more levels, comma-separated (warn, fatal and information are read as WARNING, CRITICAL and INFO).", [.. LogLevels.All]),
        ["status"] = new("Logs: one or more statuses as the senders wrote them (e.g. success, error, retry), comma-separated. Runs: the run's state."),
        ["process"] = new("One or more process names (process_name), comma-separated."),
        ["step"] = new("One or more steps, comma-separated."),
        ["external_system"] = new("One or more external systems, comma-separated (the hub's own calls use 1c and moysklad)."),
        ["system"] = new("One external system.", Systems),
        ["run_id"] = new("Only what belongs to this replenishment run (a UUID)."),
        ["request_id"] = new("Only the records of this request id."),
        ["job_id"] = new("Only the records of this job id."),
        ["text"] = new("Words the message must contain (case-insensitive)."),
        ["page_size"] = new("How many items a page holds: logs 1 to 2000 (default 100), runs 1 to 500 (default 50), dead letters 1 to 1000 (default 100), a run's timeline 1 to 1000 (default 200), a run's orders 1 to 1000 (default 100)."),
        ["limit"] = new("Orders on their way: how many, newest change first, 1 to 1000 (default 200)."),
        ["after"] = new("A run's timeline: only events after this sequence (the previous page's next field); 0 or absent for the first page."),
        ["state"] = new("A run's orders: only those whose delivery is in this state.", [.. Enum.GetNames<DeliveryState>()]),
        ["next"] = new("The opaque cursor of the previous page's next field; absent for the first page."),
        ["format"] = new("The export's format.", "csv", "ndjson"),
        ["delimiter"] = new("The CSV delimiter: semicolon is what Excel expects in locales with a decimal comma (ru-RU).", "comma", "semicolon"),
        ["bucket"] = new("The width of a bucket.", "hour", "day"),
        ["group_by"] = new("What each row is counted by.", "system", "process", "system,process", "none"),
        ["tz"] = new("The IANA time zone whose days the day buckets follow (e.g. Europe/Moscow); the hub's Logs:Stats:TimeZone when absent."),
        ["exception_type"] = new("The exception's type name, e.g. ExternalApiException."),
        ["warehouse_id"] = new("Only this recipient warehouse: its Ref_Key (a UUID) in 1C's Catalog_Склады; every warehouse when absent."),
        ["confirm"] = new("With trigger=cli (the replenish command's --yes): start the run even though a real run of an overlapping scope was started within the hour (otherwise 409, type confirmation-required). API clients are never asked."),
        ["dry_run"] = new("true: plan (or count) and record, send or change nothing."),
        ["trigger"] = new("Who starts the run, recorded on it: api (default) or cli (the hub's replenish command).", "api", "cli"),
        ["ids"] = new("The parked orders' ids."),
        ["all"] = new("true: every parked order the filter matches, even with an empty filter (said explicitly so an empty filter cannot be sent by mistake)."),
    };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info ??= new OpenApiInfo();
        document.Info.Title = Title;
        document.Info.Version = "v1";
        document.Info.Description =
            "The Integration Hub's HTTP API: integration logs (ingest, search, export, statistics), replenishment runs between 1C:УТ 11 and МойСклад, " +
            "parked orders (dead letters), orders on their way (send a retrying one now, or cancel it) and schedules. Send an API key as X-Api-Key or Authorization: Bearer. Times are UTC (ISO 8601). " +
            "Every error is RFC 7807 problem details (application/problem+json); a validation error names each bad field.";

        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[Problem] = ProblemSchema(withErrors: false);
        document.Components.Schemas[ValidationProblem] = ProblemSchema(withErrors: true);

        // Bodies of POSTs carry the same names as the query strings: describe their properties the same way.
        foreach (var schema in document.Components.Schemas.Values.OfType<OpenApiSchema>())
            foreach (var (name, property) in schema.Properties ?? new Dictionary<string, IOpenApiSchema>())
                if (property is OpenApiSchema p && string.IsNullOrEmpty(p.Description) && Parameters.TryGetValue(name, out var known)
                    && schema != document.Components.Schemas[Problem] && schema != document.Components.Schemas[ValidationProblem])
                {
                    p.Description = known.Description;
                    if (known.Allowed.Length > 0 && p.Type?.HasFlag(JsonSchemaType.String) == true) p.Enum = [.. known.Allowed.Select(v => (JsonNode)JsonValue.Create(v))];
                }
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var path = "/" + (context.Description.RelativePath ?? "").TrimStart('/');
        var method = context.Description.HttpMethod ?? "GET";
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;

        // FastEndpoints keeps an endpoint's Summary(...) for its own Swagger package; ASP.NET's generator never sees it.
        if (metadata.OfType<FastEndpoints.EndpointDefinition>().FirstOrDefault()?.EndpointSummary is { } summary)
        {
            if (string.IsNullOrEmpty(operation.Summary)) operation.Summary = summary.Summary;
            if (string.IsNullOrEmpty(operation.Description) && !string.IsNullOrEmpty(summary.Description)) operation.Description = summary.Description;
        }

        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
        {
            if (!Parameters.TryGetValue(parameter.Name ?? "", out var known)) continue;
            if (string.IsNullOrEmpty(parameter.Description)) parameter.Description = known.Description;
            if (known.Allowed.Length > 0 && parameter.Schema is OpenApiSchema schema && schema.Enum is not { Count: > 0 })
                schema.Enum = [.. known.Allowed.Select(v => (JsonNode)JsonValue.Create(v))];
        }

        if (path == "/api/v1/logs" && method == "POST") DescribeIngest(operation);

        operation.Responses ??= new OpenApiResponses();
        var anonymous = metadata.OfType<IAllowAnonymous>().Any();
        var takesInput = (operation.Parameters?.Count ?? 0) > 0 || operation.RequestBody is not null;
        if (takesInput) Add(operation, context, "400", "The input is invalid: errors names each bad field and why.", ValidationProblem);
        if (!anonymous)
        {
            Add(operation, context, "401", "No API key, or one the hub does not know.", Problem);
            Add(operation, context, "403", "The key's role may not do this.", Problem);
        }
        if (path.Contains('{')) Add(operation, context, "404", "Nothing has this id or name.", Problem);
        if (method == "POST" && operation.RequestBody is not null)
            Add(operation, context, "413", "The body is larger than the hub accepts.", Problem);
        foreach (var declared in metadata.OfType<Microsoft.AspNetCore.Http.Metadata.IProducesResponseTypeMetadata>().Where(p => p.StatusCode == 409))
            Add(operation, context, "409", path.Contains("schedules")
                ? "The schedule is paused: resume it before running it."
                : "A run for an overlapping scope is still in progress; running_run_id names it.", Problem);
        if (path.StartsWith("/api/", StringComparison.Ordinal))
            Add(operation, context, "503", "The database cannot be reached; nothing was done, try again.", Problem);
        return Task.CompletedTask;
    }

    /// <summary>The binder takes three shapes; the generated schema shows only the array.</summary>
    private static void DescribeIngest(OpenApiOperation operation)
    {
        if (operation.RequestBody is not OpenApiRequestBody body || body.Content is null) return;
        foreach (var media in body.Content.Values.OfType<OpenApiMediaType>())
        {
            if (media.Schema is not OpenApiSchema array || array.Items is not { } record) continue;
            media.Schema = new OpenApiSchema
            {
                Description = "One record, an array of 1 to 1000 records, or {\"logs\": [...]} with the same array.",
                OneOf =
                [
                    record,
                    new OpenApiSchema { Type = JsonSchemaType.Array, Items = record, MinItems = 1, MaxItems = 1000, Description = "A batch: stored whole or not at all." },
                    new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Required = new HashSet<string> { "logs" },
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            ["logs"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = record, MinItems = 1, MaxItems = 1000 }
                        },
                        Description = "A batch wrapped in an object, as some senders (Serilog HTTP sinks, scripts) send it."
                    }
                ]
            };
            media.Examples = new Dictionary<string, IOpenApiExample>
            {
                ["one"] = new OpenApiExample { Summary = "One record", Value = JsonNode.Parse("""{"process_name":"sync_orders","log_level":"INFO","status":"success","external_system":"moysklad","message":"Заказ 00042 отправлен"}""") },
                ["array"] = new OpenApiExample { Summary = "An array", Value = JsonNode.Parse("""[{"process_name":"sync_orders","log_level":"ERROR","message":"Таймаут МойСклад"},{"process_name":"sync_orders","log_level":"INFO","message":"Повтор успешен"}]""") },
                ["wrapped"] = new OpenApiExample { Summary = "{\"logs\": [...]}", Value = JsonNode.Parse("""{"logs":[{"process_name":"import_stock","step":"read","message":"Прочитано 120 остатков"}]}""") },
            };
        }
    }

    // What ASP.NET writes when an endpoint declares a status without saying why.
    private static readonly HashSet<string> Generic = ["", "Bad Request", "Unauthorized", "Forbidden", "Not Found", "Conflict", "Payload Too Large", "Content Too Large", "Service Unavailable"];

    private static void Add(OpenApiOperation operation, OpenApiOperationTransformerContext context, string status, string description, string schema)
    {
        operation.Responses!.TryGetValue(status, out var existing);
        var keep = existing?.Description is { } d && !Generic.Contains(d) ? d : description;
        operation.Responses[status] = new OpenApiResponse
        {
            Description = keep,
            Content = new Dictionary<string, OpenApiMediaType> { [ProblemJson] = new() { Schema = new OpenApiSchemaReference(schema, context.Document) } }
        };
    }

    private static OpenApiSchema ProblemSchema(bool withErrors)
    {
        var properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "A URI reference naming the kind of problem." },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "A short summary of the kind of problem." },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Description = "The HTTP status code." },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "What went wrong in this request, in words." },
            ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The request's path." },
            ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The trace id to find the request in the hub's own logs." },
        };
        if (withErrors)
            properties["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                Description = "One entry per bad field, named as sent (logs[3].log_level).",
                Items = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        ["name"] = new OpenApiSchema { Type = JsonSchemaType.String },
                        ["reason"] = new OpenApiSchema { Type = JsonSchemaType.String },
                        ["code"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                    }
                }
            };
        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = withErrors ? "RFC 7807 problem details with the validation errors." : "RFC 7807 problem details.",
            Properties = properties
        };
    }
}
