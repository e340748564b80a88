using Wolverine.Runtime;
using Wolverine.Runtime.Recurring;

namespace Hub.Replenishment.Schedule;

// Read by the schedules API in the host and by the admin pages; it lives beside the replenishment schedule, the hub's one recurring message so far.
/// <summary>A recurring message as an operator sees it: when it fires next, in its own time zone, and whether it is paused.</summary>
public sealed record ScheduleView(string Name, string Cron, string TimeZone, string MessageType, bool Paused,
    DateTimeOffset? NextOccurrence, string? NextOccurrenceLocal, DateTimeOffset? PausedAt);

/// <summary>The schedules come from Wolverine's recurring messages: registered by the modules, tracked durably in its storage.</summary>
public static class ScheduleViews
{
    public static async Task<IReadOnlyList<ScheduleView>> LoadAsync(IWolverineRuntime runtime, IRecurringScheduleControl control, TimeProvider clock, CancellationToken ct)
    {
        var records = (await control.QueryAsync(ct)).ToDictionary(r => r.Name);
        return runtime.Options.Schedules.Select(s =>
        {
            records.TryGetValue(s.Name, out var record);
            var paused = record?.Paused ?? false;
            // While paused Wolverine keeps no next occurrence; before its first publish the cron says when it would fire.
            var next = paused ? null : record?.NextOccurrence ?? s.Schedule.NextOccurrence(clock.GetUtcNow());
            var local = next is { } n ? TimeZoneInfo.ConvertTime(n, s.Schedule.TimeZone).ToString("yyyy-MM-dd HH:mm (ddd) zzz", System.Globalization.CultureInfo.InvariantCulture) : null;
            return new ScheduleView(s.Name, s.Schedule.Expression, s.Schedule.TimeZone.Id, s.MessageType.Name, paused, next, local, record?.PausedAt);
        }).ToArray();
    }
}
