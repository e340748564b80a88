using FastEndpoints;
using Hub.Admin.Runs;
using Hub.Admin.Shell;
using Hub.Contracts.Security;
using Marten;
using Microsoft.AspNetCore.Http;
using Wolverine.Runtime;
using Wolverine.Runtime.Recurring;

namespace Hub.Admin.Schedules;

/// <summary>GET /admin/schedules: each recurring job with its next run in its own time zone (Moscow); operators pause, resume or run it now.</summary>
// The schedule control is resolved per request: only a serving host registers schedules, and with them the control.
public sealed class SchedulesPageEndpoint(ISchedules schedules) : EndpointWithoutRequest
{
    public override void Configure()
    {
        Get("/admin/schedules");
        Group<AdminPages>();
        Roles(HubRoles.Viewer);
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        string body;
        var status = StatusCodes.Status200OK;
        try
        {
            body = SchedulesView.Table(HttpContext, await schedules.ListAsync(ct), AdminUser.CanOperate(User));
        }
        catch (Exception ex) when (AdminResponse.IsDatabaseDown(ex))
        {
            body = AdminResponse.DatabaseDown(ex);
            status = StatusCodes.Status503ServiceUnavailable;
        }
        // "Run now" only asks for an occurrence: whether it started a run or was skipped is the Last occurrence column's to say.
        var done = Query<string>("done", false) switch
        {
            "paused" => AdminText.T("paused"),
            "resumed" => AdminText.T("resumed"),
            "requested" => AdminText.T("an occurrence was requested; the Last occurrence column shows whether it started a run or was skipped (reload in a moment)"),
            _ => null,
        } is { } what && Query<string>("name", false) is { } name
            ? $"<div class=\"notice\" role=\"status\" id=\"done\">{Html.E(name)}: {Html.E(what)}.</div>"
            : "";
        await AdminResponse.PageAsync(HttpContext, "Schedules", done + body, ct, status);
    }
}

/// <summary>POST /admin/schedules/{name}/pause|resume|run: operators only.</summary>
public sealed class ScheduleActionPageEndpoint(IWolverineRuntime runtime) : EndpointWithoutRequest
{
    public override void Configure()
    {
        Post("/admin/schedules/{name}/{action}");
        Group<AdminPages>();
        Roles(HubRoles.Operator);
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        if (await AdminForms.ReadAsync(HttpContext, ct) is null) return;
        var name = Route<string>("name")!;
        var action = Route<string>("action");
        if (runtime.Options.Schedules.FindByName(name) is null)
        {
            await AdminResponse.ErrorAsync(HttpContext, StatusCodes.Status404NotFound, string.Format(System.Globalization.CultureInfo.InvariantCulture, AdminText.T("No schedule is named “{0}”."), name), ct);
            return;
        }
        var control = Resolve<IRecurringScheduleControl>();
        var (act, done) = action switch
        {
            "pause" => (control.PauseAsync(name, ct), "paused"),
            "resume" => (control.ResumeAsync(name, ct), "resumed"),
            "run" => (control.TriggerAsync(name, ct), "requested"),
            _ => ((Task?)null, ""),
        };
        if (act is null)
        {
            await AdminResponse.ErrorAsync(HttpContext, StatusCodes.Status400BadRequest, AdminText.T("The action is pause, resume or run."), ct);
            return;
        }
        try
        {
            await act;
        }
        catch (RecurringSchedulePausedException)
        {
            await AdminResponse.ErrorAsync(HttpContext, StatusCodes.Status409Conflict, string.Format(System.Globalization.CultureInfo.InvariantCulture, AdminText.T("“{0}” is paused: resume it first, or start a run on the Runs page."), name), ct);
            return;
        }
        await Send.RedirectAsync($"/admin/schedules?name={Uri.EscapeDataString(name)}&done={done}");
    }
}

public static class SchedulesView
{
    /// <summary>When the last occurrence fired (the schedule's time zone) and what it did, the run linked.</summary>
    public static string Last(LastOccurrenceView? last, string zoneId)
    {
        if (last is null) return "—";
        var css = last.Outcome switch { "started" or "done" => "ok", "skipped" => "warn", _ => "bad" };
        var run = last.RunId is { } id
            ? $" <a href=\"/admin/runs/{Html.Q(id.ToString())}\">{Shown.Say("run {0}…", id.ToString()[..8])}</a>{(last.RunStatus is { } st ? $" ({Html.E(Shown.Status(st))})" : "")}"
            : "";
        // The detail is the scheduler's English sentence; where the outcome and the run linked beside it say all of it, the page says it in its own words.
        var detail = last switch
        {
            { Outcome: "started", RunId: not null } => AdminText.T("a run was started"),
            { Outcome: "skipped", RunId: not null } => AdminText.T("an earlier run was still in progress"),
            _ => AdminText.T(last.Detail),
        };
        return $"{Html.E(PageFormat.WithWeekday(last.Occurrence, zoneId))}<br><span class=\"{css}\" data-outcome=\"{Html.E(last.Outcome)}\">{Html.E(Outcome(last.Outcome))}</span>: {Html.E(detail)}{run}";
    }

    /// <summary>An occurrence's outcome as a person says it; the word itself stays in the span's data attribute.</summary>
    private static string Outcome(string outcome) => outcome switch
    {
        "started" => AdminText.T("started"),
        "skipped" => AdminText.T("skipped"),
        "failed" => AdminText.T("failed"),
        "done" => AdminText.T("done"),
        _ => outcome,
    };

    public static string Table(HttpContext context, IReadOnlyList<ScheduleView> schedules, bool canOperate)
    {
        if (schedules.Count == 0) return $"<div class=\"notice\" id=\"empty\">{Shown.W("No schedules are registered.")}</div>";
        string Act(ScheduleView s, string action, string label) =>
            $"<form method=\"post\" action=\"/admin/schedules/{Html.Q(s.Name)}/{action}\" class=\"inline\">{AdminForms.HiddenField(context)}<button type=\"submit\" id=\"{action}-{Html.E(s.Name)}\">{Shown.W(label)}</button></form>";
        var rows = string.Concat(schedules.Select(s => $"""
            <tr class="schedule" data-name="{Html.E(s.Name)}"><td>{Html.E(s.Name)}</td><td><code>{Html.E(s.Cron)}</code></td><td>{Html.E(s.TimeZone)}</td><td>{Html.E(Message(s.MessageType))}</td>
            <td class="{(s.Paused ? "bad" : "ok")}" data-state="{(s.Paused ? "paused" : "active")}">{Shown.W(s.Paused ? "paused" : "active")}</td><td>{Html.E(s.NextOccurrence is { } next ? PageFormat.WithWeekday(next, s.TimeZone) : "—")}</td><td>{Shown.At(s.PausedAt)}</td><td class="last">{Last(s.LastOccurrence, s.TimeZone)}</td>
            <td>{(canOperate ? (s.Paused ? Act(s, "resume", "Resume") : Act(s, "pause", "Pause") + " " + Act(s, "run", "Run now")) : "")}</td></tr>
            """));
        return $"""
            <table id="schedules"><thead><tr><th>{Shown.W("Name")}</th><th>{Shown.W("Cron")}</th><th>{Shown.W("Time zone")}</th><th>{Shown.W("Message")}</th><th>{Shown.W("State")}</th><th>{Shown.W("Next run (local time of the schedule)")}</th><th>{Shown.Say("Paused at ({0})", AdminClock.Label)}</th><th>{Shown.W("Last occurrence")}</th><th></th></tr></thead>
            <tbody>{rows}</tbody></table>
            """;
    }

    /// <summary>What a schedule sends, for a person: the hub's one recurring message so far by what it does, any other by its type.</summary>
    private static string Message(string type) => type == "ScheduledReplenishment" ? AdminText.T("Deficit evaluation") : type;
}
