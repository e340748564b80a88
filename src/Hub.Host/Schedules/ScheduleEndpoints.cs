using FastEndpoints;
using Hub.Contracts.Security;
using Hub.Replenishment.Schedule;
using Marten;
using Microsoft.AspNetCore.Http;
using Wolverine.Runtime;
using Wolverine.Runtime.Recurring;

namespace Hub.Host.Schedules;

// The schedule control is resolved per request: only a serving host registers schedules, and so the control.
public sealed class ListSchedulesEndpoint(IWolverineRuntime runtime, IQuerySession session, TimeProvider clock) : EndpointWithoutRequest<IReadOnlyList<ScheduleView>>
{
    public override void Configure()
    {
        Get("/api/v1/schedules");
        Roles(HubRoles.Viewer);
        Description(d => d.WithTags("Schedules"));
        Summary(s =>
        {
            s.Summary = "The recurring jobs (replenishment, log retention, the notifications' digest) with their next occurrence in their own time zone";
            s.Description = "last_occurrence is what the last occurrence did: started (run_id, and that run's status now), skipped (detail says why, " +
                            "run_id is the run that blocked it), failed (detail says with what) or done; null before the first one.";
        });
    }

    public override async Task HandleAsync(CancellationToken ct) =>
        await Send.OkAsync(await ScheduleViews.LoadAsync(runtime, Resolve<IRecurringScheduleControl>(), session, clock, ct), ct);
}

public sealed class ScheduleActionRequest
{
    public string Name { get; set; } = "";
    public string Action { get; set; } = "";
}

public sealed class ScheduleActionEndpoint(IWolverineRuntime runtime, IQuerySession session, TimeProvider clock) : Endpoint<ScheduleActionRequest, ScheduleView>
{
    public override void Configure()
    {
        Post("/api/v1/schedules/{name}/{action}");
        Roles(HubRoles.Operator);
        Description(d => d.WithTags("Schedules").ProducesProblemDetails(StatusCodes.Status404NotFound).ProducesProblemDetails(StatusCodes.Status409Conflict));
        Summary(s => s.Summary = "pause, resume or run (now) one schedule; run only asks for an occurrence: its last_occurrence says what it did once it has fired");
    }

    public override async Task HandleAsync(ScheduleActionRequest req, CancellationToken ct)
    {
        if (runtime.Options.Schedules.FindByName(req.Name) is null)
        {
            AddError($"no schedule is named '{req.Name}'; known: {string.Join(", ", runtime.Options.Schedules.Select(s => s.Name))}");
            await Send.ErrorsAsync(StatusCodes.Status404NotFound, ct);
            return;
        }

        var control = Resolve<IRecurringScheduleControl>();
        try
        {
            var act = req.Action switch
            {
                "pause" => control.PauseAsync(req.Name, ct),
                "resume" => control.ResumeAsync(req.Name, ct),
                "run" => control.TriggerAsync(req.Name, ct),
                _ => null,
            };
            if (act is null)
            {
                AddError("action must be pause, resume or run");
                await Send.ErrorsAsync(StatusCodes.Status400BadRequest, ct);
                return;
            }

            await act;
        }
        catch (RecurringSchedulePausedException)
        {
            AddError($"'{req.Name}' is paused: resume it first, or start a run directly");
            await Send.ErrorsAsync(StatusCodes.Status409Conflict, ct);
            return;
        }

        var views = await ScheduleViews.LoadAsync(runtime, control, session, clock, ct);
        await Send.OkAsync(views.Single(v => v.Name == req.Name), ct);
    }
}
