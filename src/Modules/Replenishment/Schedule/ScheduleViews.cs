using Hub.Replenishment.Runs;
using Marten;
using Wolverine.Runtime;
using Wolverine.Runtime.Recurring;

namespace Hub.Replenishment.Schedule;

/// <summary>The schedules come from Wolverine's recurring messages: registered by the modules, tracked durably in its storage.</summary>
public static class ScheduleViews
{
    public static async Task<IReadOnlyList<ScheduleView>> LoadAsync(IWolverineRuntime runtime, IRecurringScheduleControl control, IQuerySession session,
        TimeProvider clock, CancellationToken ct)
    {
        var records = (await control.QueryAsync(ct)).ToDictionary(r => r.Name);
        var names = runtime.Options.Schedules.Select(s => s.Name).ToArray();
        var last = (await session.LoadManyAsync<LastOccurrence>(ct, names)).ToDictionary(l => l.Id);
        var runIds = last.Values.Where(l => l.RunId is not null).Select(l => l.RunId!.Value).Distinct().ToArray();
        var runs = runIds.Length == 0 ? new Dictionary<Guid, RunStatus>()
            : (await session.LoadManyAsync<ReplenishmentRun>(ct, runIds)).ToDictionary(r => r.Id, r => r.Status);
        return runtime.Options.Schedules.Select(s =>
        {
            records.TryGetValue(s.Name, out var record);
            var paused = record?.Paused ?? false;
            // While paused Wolverine keeps no next occurrence; before its first publish the cron says when it would fire.
            var next = paused ? null : record?.NextOccurrence ?? s.Schedule.NextOccurrence(clock.GetUtcNow());
            var local = next is { } n ? Local(n, s.Schedule.TimeZone) : null;
            LastOccurrenceView? lastView = null;
            if (last.TryGetValue(s.Name, out var l))
                lastView = new LastOccurrenceView(l.Occurrence, Local(l.Occurrence, s.Schedule.TimeZone), l.Outcome, l.Detail, l.RunId,
                    l.RunId is { } run && runs.TryGetValue(run, out var status) ? status.ToString() : null);
            return new ScheduleView(s.Name, s.Schedule.Expression, s.Schedule.TimeZone.Id, s.MessageType.Name, paused, next, local, record?.PausedAt, lastView);
        }).ToArray();
    }

    private static string Local(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd HH:mm (ddd) zzz", System.Globalization.CultureInfo.InvariantCulture);
}
