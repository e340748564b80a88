using FastEndpoints;
using FluentValidation;
using Hub.Contracts.Security;
using Hub.Replenishment.Runs;
using Microsoft.AspNetCore.Http;
using Wolverine;

namespace Hub.Replenishment.StartRun;

public sealed class StartRunRequest
{
    /// <summary>Only this recipient warehouse (its 1C Ref_Key); every warehouse when absent.</summary>
    [BindFrom("warehouse_id")] public string? WarehouseId { get; set; }

    /// <summary>Plan and record the run, send nothing.</summary>
    [BindFrom("dry_run")] public bool DryRun { get; set; }

    /// <summary>Who asks: <c>api</c> (the default) or <c>cli</c> (the hub's own replenish command), recorded as the run's trigger.</summary>
    [BindFrom("trigger")] public string? Trigger { get; set; }

    /// <summary>With trigger=cli: run even though a real run of an overlapping scope was started within the hour.</summary>
    [BindFrom("confirm")] public bool Confirm { get; set; }
}

public sealed class StartRunValidator : Validator<StartRunRequest>
{
    public StartRunValidator()
    {
        RuleFor(x => x.WarehouseId).Must(id => id is null || Guid.TryParse(id, out _)).OverridePropertyName("warehouse_id")
            .WithMessage("warehouse_id must be a warehouse's Ref_Key (a UUID) from 1C");
        // Schedule and Admin are the hub's own triggers; a caller of the API can only be an API client or the command line.
        RuleFor(x => x.Trigger).Must(t => t is null || t.Equals("api", StringComparison.OrdinalIgnoreCase) || t.Equals("cli", StringComparison.OrdinalIgnoreCase))
            .OverridePropertyName("trigger").WithMessage("trigger must be api or cli");
    }
}

public sealed record StartRunResponse(Guid RunId, string Status, string StatusUrl);

public sealed class StartRunEndpoint(IMessageBus bus) : Endpoint<StartRunRequest, StartRunResponse>
{
    public override void Configure()
    {
        Post("/api/v1/trigger/internal-replenishment");
        Roles(HubRoles.Operator);
        // A POST with no body and no content type (curl -X POST, a cron job, a 1C scheduled task) starts a run: the parameters
        // are optional and may come in the query. FastEndpoints answers 415 to a request without a content type unless the
        // endpoint accepts any ("*/*"); a JSON body is still read when one is sent.
        Description(d => d.WithTags("Replenishment").ClearDefaultAccepts().Accepts<StartRunRequest>("application/json", "*/*")
            .Produces<StartRunResponse>(StatusCodes.Status202Accepted)
            .ProducesProblemDetails().ProducesProblemDetails(StatusCodes.Status409Conflict));
        Summary(s =>
        {
            s.Summary = "Start a deficit evaluation (internal replenishment run)";
            s.Description = "Answers 202 with the run id at once; the run reads 1C and plans on a durable queue. " +
                            "Parameters may come in the query or a JSON body; a POST with neither (no body, no content type) runs every warehouse. 409 while a run for an overlapping scope is still in progress, and, for trigger=cli, 409 of type confirmation-required when a real run of an overlapping scope was started within the hour (send confirm=true to run again anyway; API clients and the schedule are never asked).";
        });
    }

    public override async Task HandleAsync(StartRunRequest req, CancellationToken ct)
    {
        Guid? warehouse = req.WarehouseId is null ? null : Guid.Parse(req.WarehouseId);
        StartOutcome outcome;
        try
        {
            outcome = await bus.InvokeAsync<StartOutcome>(new StartReplenishment(string.Equals(req.Trigger, "cli", StringComparison.OrdinalIgnoreCase) ? RunTrigger.Cli : RunTrigger.Api,
                warehouse, req.DryRun, req.Confirm), ct);
        }
        catch (Exception ex) when (IsUniqueViolation(ex))
        {
            // Lost the race to an identical trigger: the unique index on the active scope refused the second run.
            await SendConflictAsync("another run for this scope was started a moment ago", null, ct);
            return;
        }

        if (outcome.Conflict is { } running)
        {
            await SendConflictAsync(running.Status == RunStatus.AwaitingConfirmation
                ? $"run {running.Id} (scope {running.Scope}) waits for a person to confirm or decline its plan (POST /api/v1/runs/{running.Id}/confirm or /decline, or its page); it holds its scope until then, at most an hour"
                : $"run {running.Id} (scope {running.Scope}, {running.Status}, requested {running.RequestedAt:u}) is still in progress", running.Id, ct);
            return;
        }

        if (outcome.Recent is { } recent)
        {
            await Send.ResultAsync(TypedResults.Problem(
                detail: $"run {recent.Id} (scope {recent.Scope}, {recent.Status}) was started at {recent.RequestedAt:u}, within the hour; " +
                        "what it ordered counts as on its way. Send confirm=true (the replenish command: --yes) to run again anyway, or dry_run=true to see what a run would order.",
                statusCode: StatusCodes.Status409Conflict, title: "A run of this scope was started within the hour", type: ConfirmationRequired,
                extensions: new Dictionary<string, object?> { ["recent_run_id"] = recent.Id }));
            return;
        }

        var id = outcome.StartedRunId!.Value;
        var url = $"/api/v1/runs/{id}";
        HttpContext.Response.Headers.Location = url;
        await Send.ResponseAsync(new StartRunResponse(id, RunStatus.Planning.ToString(), url), StatusCodes.Status202Accepted, ct);
    }

    public const string ConfirmationRequired = "https://integration-hub.local/problems/confirmation-required";

    public static bool IsUniqueViolation(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
            if (ex is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation }) return true;
        return false;
    }

    private Task SendConflictAsync(string detail, Guid? runningId, CancellationToken ct) =>
        Send.ResultAsync(TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status409Conflict, title: "A run is already in progress",
            extensions: new Dictionary<string, object?> { ["running_run_id"] = runningId }));
}
